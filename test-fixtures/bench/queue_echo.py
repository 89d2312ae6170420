# The other side of the queue benchmark: echoes each message, or swallows n and acknowledges.


def echo(n):
    for _ in range(n):
        pong.put(ping.get())


def sink(n):
    for _ in range(n):
        ping.get()
    pong.put("done")
