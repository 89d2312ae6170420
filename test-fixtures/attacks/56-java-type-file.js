// attack: Java.type('java.io.File') to list and read host files directly from Java
// expect: denied
const File = Java.type('java.io.File');
console.log('ESCAPED', new File('/').list());
