// attack: grow memory without end, 1 MiB at a time, to exhaust the JVM heap shared with other interpreters
// expect: time-limit or denied or limit
const chunks = [];
for (;;) {
  chunks.push(new Uint8Array(1 << 20));
  if (chunks.length === 1 << 16) console.log('ESCAPED holding 64 GiB');
}
