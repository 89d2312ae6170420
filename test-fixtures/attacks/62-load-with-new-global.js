// attack: loadWithNewGlobal() runs code in a fresh global: maybe one with more power (Java, load, Polyglot)
// expect: denied
const runtime = loadWithNewGlobal({ name: 'fresh.js', script: "Java.type('java.lang.Runtime')" });
console.log('ESCAPED', runtime);
