// Never ends: stopped by --timeout (exit 124) or by a statement limit (exit 125).
let n = 0;
while (true) { n++; }
