"""CPython's side of the interpreter figures of make bench, measured as bench/'s JMH benchmarks and
footprint measure ours: a new subinterpreter (create, exec one statement, close), exec('pass') on a
live one, and N live subinterpreters (1, 8, 32, 64): time to create each and the resident memory
(RSS) each adds. CPython 3.13+; prints figures as JSON lines (figures.py), or a skip line before 3.13.
Usage: interpreters.py [--quick]
"""
import os
import sys
import time

from figures import emit, run, system

QUICK = "--quick" in sys.argv


def per_call(action, seconds):
    """Seconds per call of action, after a warm-up, over at least `seconds`."""
    for _ in range(3):
        action()
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        action()
        calls += 1
    return (time.perf_counter() - start) / calls


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main(interpreters):
    name = system("subinterpreters")

    def create_exec_close():
        interp = interpreters.create()
        interp.exec("x = 1")
        interp.close()
    emit("interp_create_python_ms", name, round(per_call(create_exec_close, 0.1 if QUICK else 2) * 1e3, 3), "ms")

    live = interpreters.create()
    emit("exec_pass_us", name, round(per_call(lambda: live.exec("pass"), 0.1 if QUICK else 2) * 1e6, 2), "us")
    live.close()

    for count in [1, 2] if QUICK else [1, 8, 32, 64]:
        before, start = rss_bytes(), time.perf_counter()
        interps = []
        for _ in range(count):
            interp = interpreters.create()
            interp.exec("x = 1")
            interps.append(interp)
        elapsed = time.perf_counter() - start
        grown = rss_bytes() - before
        emit("create_ms_per_interp", name, round(elapsed * 1e3 / count, 3), "ms", count)
        emit("rss_mb_per_interp", name, round(grown / 1e6 / count, 3), "MB", count)
        for interp in interps:
            interp.close()


if __name__ == "__main__":
    run(lambda found: main(found.module))
