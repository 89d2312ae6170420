// attack: build a 1 GiB-character string in one step ('x'.repeat(2**30))
// expect: denied
// One request far beyond the heap must fail with a RangeError, not take the JVM down.
const text = 'x'.repeat(2 ** 30);
console.log('ESCAPED allocated', text.length);
