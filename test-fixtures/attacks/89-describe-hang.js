// attack: throw an error whose message/stack getters spin: the host reads them to describe the uncaught error
// expect: time-limit or denied
// The host's own call into the guest (to describe the error) must also be bounded by a limit.
class Evil extends Error {
  get message() { for (;;) {} }
  get stack() { for (;;) {} }
}
throw new Evil();
console.log('ESCAPED');
