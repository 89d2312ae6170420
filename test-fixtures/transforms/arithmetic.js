// The classic scenario in JavaScript: prints 7 3 unchanged, 3 7 with swap_add_sub.js.
const a = 5;
const b = 2;
const total = a + b;
const difference = a - b;
console.log(total, difference);
