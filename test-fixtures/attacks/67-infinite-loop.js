// attack: spin forever to hold the interpreter's thread (and a core) indefinitely
// expect: time-limit or limit
// No statement in the loop body: only the time limit (or a statement count) can stop it.
for (;;) {}
console.log('ESCAPED the loop ended');
