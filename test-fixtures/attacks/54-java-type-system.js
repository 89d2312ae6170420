// attack: Java.type('java.lang.System') to read the host's properties and environment
// expect: denied
const System = Java.type('java.lang.System');
console.log('ESCAPED', System.getenv('HOME'));
