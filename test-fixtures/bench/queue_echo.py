# The other side of the queue benchmark: echoes each message, or swallows n and acknowledges.


def echo(n):
    for _ in range(n):
        pong.put(ping.get())


def sink(n):
    for _ in range(n):
        ping.get()
    pong.put("done")


def serve(mode):
    """Until "stop": "echo" returns every message on pong; "sink" takes messages and answers each None."""
    while True:
        message = ping.get()
        if message == "stop":
            return
        if mode == "echo":
            pong.put(message)
        elif message is None:
            pong.put("taken")
