// attack: the js shell's quit()/exit() to end the host process
// expect: denied or exited
// Either the built-in is missing (denied) or it ends only this interpreter (exited): the host survives.
console.log('about to quit');
const end = globalThis.quit || globalThis.exit || quit;
end(0);
console.log('ESCAPED quit() returned');
