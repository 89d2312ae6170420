# attack: block forever in a host wait (get() on an empty queue), catching whatever interrupts it
# expect: time-limit
# A guest parked in the host must still be stopped by the time limit, even if it retries after errors.
import interpreters

queue = interpreters.create_queue()
while True:
    try:
        value = queue.get()
        print('ESCAPED get() returned', value)
    except BaseException:
        pass
