// attack: allocate a 1 TiB ArrayBuffer in one step
// expect: denied
const buffer = new ArrayBuffer(2 ** 40);
console.log('ESCAPED allocated', buffer.byteLength);
