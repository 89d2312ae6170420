// attack: walk globalThis.interpreters and a queue's host handle; make the host throw and use the Java exception
// expect: denied
const names = Object.getOwnPropertyNames(interpreters);
console.log('interpreters:', names.join(' '));
console.log('create source:', interpreters.create.toString());
const queue = interpreters.createQueue();
const handle = queue.__subinterp_handle__;      // the host proxy behind the queue
let caught;
try { handle('put'); } catch (e) { caught = e; }  // too few arguments: a Java exception
console.log('caught', typeof caught, String(caught));
const klass = caught.getClass();
console.log('ESCAPED', klass);
