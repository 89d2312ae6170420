// attack: allocate arrays past every limit: new Array(2**32), then a dense one of 2**31 elements
// expect: denied
const sparse = new Array(2 ** 32);
console.log('ESCAPED', sparse.length);
