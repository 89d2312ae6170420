// attack: allocate a 1 TiB ArrayBuffer in one step
// expect: denied
// One request far beyond the heap must fail with a RangeError, not take the JVM down.
const buffer = new ArrayBuffer(2 ** 40);
console.log('ESCAPED allocated', buffer.byteLength);
