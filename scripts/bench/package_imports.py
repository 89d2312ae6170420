"""CPython's side of bench's PackageImportCost: import the same package in the main interpreter, then in
99 new subinterpreters (3.13's _interpreters), each timed around the import alone.

    PYTHONPATH=/tmp/py python3.13 scripts/bench/package_imports.py tabulate
"""
import os
import statistics
import sys
import tempfile
import time

import _interpreters

name = sys.argv[1]
start = time.perf_counter()
__import__(name)
times = [(time.perf_counter() - start) * 1000]
with tempfile.TemporaryDirectory() as scratch:
    log = os.path.join(scratch, 'times')
    for n in range(99):
        interp = _interpreters.create()
        _interpreters.run_string(interp, f"import sys, time\nsys.path[:] = {sys.path!r}\nt = time.perf_counter()\n"
                                         f"import {name}\nt = (time.perf_counter() - t) * 1000\n"
                                         f"with open({log!r}, 'a') as f:\n    f.write(str(t) + '\\n')\n")
        _interpreters.destroy(interp)
    with open(log) as f:
        times += [float(line) for line in f]
print(f"CPython {sys.version.split()[0]} import {name}, a new subinterpreter each time (ms): "
      + ' '.join(f'#{n} {times[n - 1]:.1f}' for n in (1, 2, 10, 100))
      + f', median of #91-#100 {statistics.median(times[90:]):.1f}')
