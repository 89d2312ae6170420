// attack: read /etc/passwd with the shell built-in load() (it reads the file to evaluate it)
// expect: denied
const result = load('/etc/passwd');
console.log('ESCAPED load read /etc/passwd', result);
