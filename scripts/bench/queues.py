"""CPython's side of the queue figures of make bench, measured as bench/'s JMH benchmarks measure ours.

A small JSON-like message (a 4-key dict) to another interpreter and back (round trip), and bytes
messages one way by size, 16 B to 16 MiB (a batch of about 4 MiB, at least 1 and at most 1,000
messages, and the peer's answer once it has taken them all); for CPython 3.13's subinterpreter queues
and for multiprocessing.Queue between two processes. Prints figures as JSON lines (figures.py).
Usage: queues.py [--quick]   (--quick: one short round of each, to check that it runs)
"""
import multiprocessing as mp
import pathlib
import sys
import threading
import time

from figures import emit, run, system

SMALL = {"id": 7, "name": "small message", "tags": ["a", "b"], "ok": True}
SIZES = [16, 1024, 65536, 1 << 20, 16 << 20]
QUICK = "--quick" in sys.argv
SECONDS = 0.05 if QUICK else 1.0

# The peer is the one bench/'s QueueRoundTripBench and QueueThroughputBench run: one file for both sides.
PEER = (pathlib.Path(__file__).resolve().parents[2] / "test-fixtures" / "bench" / "queue_echo.py").read_text()
exec(PEER)   # serve() for the multiprocessing peer (it runs in a child process, with ping and pong globals)


def payload(size):
    return bytes(range(256)) * (size // 256) + bytes(size % 256)


def rate(action, per_action):
    """Runs action once to warm up, then until SECONDS have passed; returns per_action units per second."""
    action()
    done, start = 0, time.perf_counter()
    while True:
        action()
        done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= SECONDS:
            return done * per_action / elapsed


def measure(name, start_peer, stop_peer, ping, pong):
    start_peer("echo")
    rounds = 20 if QUICK else 2000

    def round_trips():
        for _ in range(rounds):
            ping.put(SMALL)
            pong.get()
    emit("small_round_trip_us", name, round(1e6 / rate(round_trips, rounds), 2), "us")
    stop_peer()
    start_peer("sink")
    for size in SIZES[:2] if QUICK else SIZES:
        message, batch = payload(size), max(1, min(1000, (4 << 20) // size))

        def send():
            for _ in range(batch):
                ping.put(message)
            ping.put(None)
            pong.get()
        per_second = rate(send, batch)
        emit("queue_mb_per_s", name, round(per_second * size / 1e6, 2), "MB/s", size)
        emit("queue_messages_per_s", name, round(per_second), "messages/s", size)
    stop_peer()


def _mp_peer(ping_queue, pong_queue, mode):
    global ping, pong
    ping, pong = ping_queue, pong_queue
    serve(mode)


def bench_multiprocessing():
    ping, pong = mp.Queue(), mp.Queue()
    state = {}

    def start(mode):
        state["p"] = mp.Process(target=_mp_peer, args=(ping, pong, mode))
        state["p"].start()

    def stop():
        ping.put("stop")
        state["p"].join()
    measure(system("multiprocessing.Queue"), start, stop, ping, pong)


def bench_subinterpreters(found):
    ping, pong = found.create_queue(), found.create_queue()
    interp = found.module.create()
    interp.exec(found.queue_import)
    interp.prepare_main(ping=ping, pong=pong)
    interp.exec(PEER)
    state = {}

    def start(mode):
        state["t"] = threading.Thread(target=interp.exec, args=(f"serve({mode!r})",))
        state["t"].start()

    def stop():
        ping.put("stop")
        state["t"].join()
    # 3.13's queues carry shareable objects as they are and pickle others (the dict), as mp.Queue does.
    measure(system("subinterpreters"), start, stop, ping, pong)
    interp.close()


if __name__ == "__main__":
    run(bench_subinterpreters, bench_multiprocessing)
