// attack: Polyglot.eval('python', ...) to run Python from JavaScript and read a file there
// expect: denied
// Polyglot eval between languages is off for every preset: each language has its own interpreter.
const data = Polyglot.eval('python', "open('/etc/passwd').read()");
console.log('ESCAPED', data);
