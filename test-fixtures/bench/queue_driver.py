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


# For the JMH benchmarks (bench/): the peer runs serve() from queue_echo.py until stop_peer().
SMALL = {"id": 7, "name": "small message", "tags": ["a", "b"], "ok": True}
payload = b""


MESSAGES = {"dict": SMALL, "text": "small message", "int": 7}


def round_trips(n, kind="dict"):
    """n round trips of a small message (the 4-key dict, a short str or an int) through an echoing peer."""
    message = MESSAGES[kind]
    for _ in range(n):
        ping.put(message)
        pong.get()


def set_payload(size):
    global payload
    payload = bytes(range(256)) * (size // 256) + bytes(size % 256)


def send(n):
    """n payloads one way; returns when the peer has taken them all (it answers the closing None)."""
    for _ in range(n):
        ping.put(payload)
    ping.put(None)
    pong.get()


def stop_peer():
    ping.put("stop")
