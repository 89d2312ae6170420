# attack: fill an unbounded cross-interpreter queue with 1 MiB messages forever (host memory)
# expect: denied or time-limit
import interpreters

queue = interpreters.create_queue()
message = bytes(1 << 20)
count = 0
while True:
    queue.put(message)
    count += 1
    if count == 1 << 16:
        print('ESCAPED 64 GiB queued in the host')
