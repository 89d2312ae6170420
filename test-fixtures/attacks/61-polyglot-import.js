// attack: Polyglot.import to fetch a value the host or another language exported
// expect: denied
const value = Polyglot.import('bindings');
console.log('ESCAPED', value);
