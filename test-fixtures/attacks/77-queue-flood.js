// attack: fill an unbounded cross-interpreter queue with 1 MiB messages forever (host memory)
// expect: denied or time-limit
const queue = interpreters.createQueue();
const message = new Uint8Array(1 << 20);
for (let count = 1; ; count++) {
  queue.put(message);
  if (count === 1 << 16) console.log('ESCAPED 64 GiB queued in the host');
}
