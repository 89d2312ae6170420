// For the dunder-guard built-in: the Function-constructor escape to the global object (line 4 refused,
// twice) and a prototype change (line 5).
const probe = [];
const global = probe.constructor.constructor('return this')();
probe.__proto__ = null;
