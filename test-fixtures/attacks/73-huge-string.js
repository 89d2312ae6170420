// attack: build a 1 GiB-character string in one step ('x'.repeat(2**30))
// expect: denied
const text = 'x'.repeat(2 ** 30);
console.log('ESCAPED allocated', text.length);
