// attack: create interpreters in an endless loop to exhaust the host's memory and threads
// expect: denied or time-limit
// The 64-live-interpreter limit must make create() throw.
const created = [];
for (;;) {
  created.push(interpreters.create('js'));
  if (created.length === 1000) console.log('ESCAPED 1000 live interpreters');
}
