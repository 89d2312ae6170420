# The driving side of the queue benchmark (the same shape as scripts/bench/queues.py for CPython):
# ping and pong are queues to and from an echo interpreter running queue_echo.py.
import time


def round_trip(n, message):
    """Seconds per round trip: put on ping, wait for the echo on pong."""
    start = time.perf_counter()
    for _ in range(n):
        ping.put(message)
        pong.get()
    return (time.perf_counter() - start) / n


def one_way(n, message):
    """Seconds for n messages to reach the echo side, which acknowledges the last one."""
    start = time.perf_counter()
    for _ in range(n):
        ping.put(message)
    pong.get()
    return time.perf_counter() - start


def make_bytes(size):
    return bytes(range(256)) * (size // 256)
