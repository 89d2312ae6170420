// attack: spin forever and catch everything, hoping to survive the time limit's interrupt
// expect: time-limit or limit
for (;;) {
  try {
    for (;;) {}
  } catch (e) {
    // swallow and go on
  } finally {
    continue;
  }
}
console.log('ESCAPED the loop ended');
