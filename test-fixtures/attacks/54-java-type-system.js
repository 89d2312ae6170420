// attack: Java.type('java.lang.System') to read the host's properties and environment
// expect: denied
// Java is a GraalJS global even without host access: only the host class lookup filter stops it.
const System = Java.type('java.lang.System');
console.log('ESCAPED', System.getenv('HOME'));
