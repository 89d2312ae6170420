// attack: the js shell's readline()/readbuffer() to read the host's standard input or files
// expect: denied
const line = readline();
console.log('ESCAPED readline returned', line);
