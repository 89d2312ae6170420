// attack: the js shell's read()/readFully() to read a file's text (not installed in an embedded context)
// expect: denied
const readFile = globalThis.readFully || read;
const text = readFile('/etc/passwd');
console.log('ESCAPED', text.slice(0, 40));
