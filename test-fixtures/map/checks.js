// For runner map's error handling: raises on negative numbers, loops forever on "spin".
function check(value) {
  if (value === 'spin') { while (true) {} }
  if (value < 0) throw new RangeError(`negative: ${value}`);
  return value * 2;
}
