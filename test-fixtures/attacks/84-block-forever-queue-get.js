// attack: block forever in a host wait (get() on an empty queue) where no guest statement runs
// expect: time-limit
// A guest parked in the host must still be stopped by the time limit, not hold its thread forever.
const queue = interpreters.createQueue();
const value = queue.get();
console.log('ESCAPED get() returned', value);
