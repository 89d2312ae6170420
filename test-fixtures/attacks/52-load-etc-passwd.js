// attack: read /etc/passwd with the shell built-in load() (it reads the file to evaluate it)
// expect: denied
// load() is a GraalJS global outside the shell; strict gives no file access to read through it.
const result = load('/etc/passwd');
console.log('ESCAPED load read /etc/passwd', result);
