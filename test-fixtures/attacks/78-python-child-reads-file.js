// attack: create a Python interpreter from JavaScript and read /etc/passwd there
// expect: denied
const py = interpreters.create('python');
py.exec("data = open('/etc/passwd').read()\nprint('ESCAPED', data[:40])");
console.log('ESCAPED the Python interpreter read the file');
