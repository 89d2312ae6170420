// attack: spin forever to hold the interpreter's thread (and a core) indefinitely
// expect: time-limit
for (;;) {}
console.log('ESCAPED the loop ended');
