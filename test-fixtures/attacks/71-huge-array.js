// attack: allocate an array past the JavaScript limit: new Array(2**32)
// expect: denied
// One request far beyond any limit must fail with a RangeError, not take the JVM down.
const sparse = new Array(2 ** 32);
console.log('ESCAPED', sparse.length);
