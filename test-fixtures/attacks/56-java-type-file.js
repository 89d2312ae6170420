// attack: Java.type('java.io.File') to list and read host files directly from Java
// expect: denied
// With java.io.File the guest would bypass the polyglot file system policy entirely.
const File = Java.type('java.io.File');
console.log('ESCAPED', new File('/').list());
