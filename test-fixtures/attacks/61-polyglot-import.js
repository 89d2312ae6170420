// attack: Polyglot.import to fetch a value the host or another language exported
// expect: denied
// The polyglot bindings would be a channel around the JSON-only door between interpreters.
const value = Polyglot.import('bindings');
console.log('ESCAPED', value);
