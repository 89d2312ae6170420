// attack: ({}).constructor.constructor('return this')() to reach the real global and its host objects
// expect: denied
const g = ({}).constructor.constructor('return this')();
console.log('global names:', Object.getOwnPropertyNames(g).filter((n) => /^[a-z]/.test(n)).join(' '));
const Runtime = g.Java.type('java.lang.Runtime');
console.log('ESCAPED', Runtime);
