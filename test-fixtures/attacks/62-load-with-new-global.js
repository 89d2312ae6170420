// attack: loadWithNewGlobal() runs code in a fresh global: maybe one with more power (Java, load, Polyglot)
// expect: denied
// The fresh global must be no more powerful than this one: no host classes there either.
const runtime = loadWithNewGlobal({ name: 'fresh.js', script: "Java.type('java.lang.Runtime')" });
console.log('ESCAPED', runtime);
