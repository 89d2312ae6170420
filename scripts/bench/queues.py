"""CPython's side of the queue benchmark: the same measurements as `runner bench queues`.

Rows: small-message round trip between two interpreters, messages per second one way, and MB/s for
1 MiB bytes messages; for CPython 3.13 subinterpreter queues (test.support.interpreters) and for
multiprocessing.Queue between two processes. Run with any CPython 3.8+; the subinterpreter rows need
3.13 and say so when it is missing. Prints one JSON object per line.
"""
import json
import multiprocessing as mp
import sys
import threading
import time

SMALL = {"id": 7, "name": "small message", "tags": ["a", "b"], "ok": True}
MIB = bytes(range(256)) * 4096


def measure(put, get, echo_start, echo_join, rounds=2000, messages=20000, blobs=100):
    """Runs the three measurements against an echo peer; returns a dict of figures."""
    echo_start("echo", rounds)
    for _ in range(rounds):
        put(SMALL)
        get()
    echo_join()
    echo_start("echo", rounds)
    start = time.perf_counter()
    for _ in range(rounds):
        put(SMALL)
        get()
    rtt = (time.perf_counter() - start) / rounds
    echo_join()
    echo_start("sink", messages)
    start = time.perf_counter()
    for _ in range(messages):
        put(SMALL)
    get()
    rate = messages / (time.perf_counter() - start)
    echo_join()
    echo_start("sink", blobs)
    start = time.perf_counter()
    for _ in range(blobs):
        put(MIB)
    get()
    mbps = blobs * len(MIB) / (time.perf_counter() - start) / 1e6
    echo_join()
    return {"round_trip_us": round(rtt * 1e6, 1), "messages_per_s": round(rate), "mib_mb_per_s": round(mbps, 1)}


def _mp_echo(ping, pong, mode, n):
    if mode == "echo":
        for _ in range(n):
            pong.put(ping.get())
    else:
        for _ in range(n):
            ping.get()
        pong.put("done")


def bench_multiprocessing():
    ping, pong = mp.Queue(), mp.Queue()
    state = {}

    def start(mode, n):
        state["p"] = mp.Process(target=_mp_echo, args=(ping, pong, mode, n))
        state["p"].start()

    return measure(ping.put, pong.get, start, lambda: state["p"].join())


ECHO = """
def run(mode, n):
    if mode == "echo":
        for _ in range(n):
            pong.put(ping.get())
    else:
        for _ in range(n):
            ping.get()
        pong.put("done")
"""


def bench_subinterpreters():
    try:
        from test.support import interpreters
        from test.support.interpreters import queues
    except ImportError:
        return None
    ping, pong = queues.create(), queues.create()
    interp = interpreters.create()
    interp.exec("from test.support.interpreters import queues")   # 3.13: needed before a queue can cross
    interp.prepare_main(ping=ping, pong=pong)
    interp.exec(ECHO)
    state = {}

    def start(mode, n):
        state["t"] = threading.Thread(target=interp.exec, args=(f"run({mode!r}, {n})",))
        state["t"].start()

    # 3.13's queues only carry shareable objects (or pickle them): the dict is pickled, as in mp.Queue.
    return measure(ping.put, pong.get, start, lambda: state["t"].join())


if __name__ == "__main__":
    version = "%d.%d" % sys.version_info[:2]
    sub = bench_subinterpreters()
    if sub is None:
        print(json.dumps({"system": f"CPython {version} subinterpreters", "skipped": "needs CPython 3.13+ (test.support.interpreters)"}))
    else:
        print(json.dumps({"system": f"CPython {version} subinterpreters", **sub}))
    print(json.dumps({"system": f"CPython {version} multiprocessing.Queue", **bench_multiprocessing()}))
