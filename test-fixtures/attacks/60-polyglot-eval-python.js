// attack: Polyglot.eval('python', ...) to run Python from JavaScript and read a file there
// expect: denied
const data = Polyglot.eval('python', "open('/etc/passwd').read()");
console.log('ESCAPED', data);
