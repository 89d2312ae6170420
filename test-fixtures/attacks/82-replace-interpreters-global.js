// attack: overwrite the frozen globalThis.interpreters (or its create) to intercept other code's calls
// expect: denied
'use strict';
const fake = { create: () => 'hijacked' };
globalThis.interpreters = fake;
console.log('ESCAPED the interpreters global was replaced');
