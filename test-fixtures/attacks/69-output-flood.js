// attack: print forever to flood the host's stdout (disk, log collector, memory of a capturing host)
// expect: output-limit
const line = 'x'.repeat(1023);
for (;;) {
  console.log(line);
}
console.log('ESCAPED the flood ended');
