// attack: unbounded recursion, to overflow the interpreter thread's Java stack
// expect: denied
// Must end as a RangeError in the guest, never a StackOverflowError that breaks the host.
function down(n) {
  return down(n + 1) + 1;
}
down(0);
console.log('ESCAPED the recursion ended');
