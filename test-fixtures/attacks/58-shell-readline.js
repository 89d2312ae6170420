// attack: the js shell's readline()/readbuffer() to read the host's standard input or files
// expect: denied
// Standard input belongs to the host (the CLI may be reading a program from it).
const line = readline();
console.log('ESCAPED readline returned', line);
