// For the loop-budget built-in: runs forever without it; with loop-budget=1000 it stops.
let count = 0;
for (;;) count++;
