# Channels (the HOWTO's "Using Channels"): one-way, values copied, send() waits until received.
import threading
import interpreters
from interpreters import channels

rch, sch = channels.create()
print(type(rch).__name__, type(sch).__name__, int(rch.id) == int(sch.id))
interp = interpreters.create()
interp.prepare_main(sch=sch)
interp.exec("sch.send_nowait('spam!')")
print(rch.recv())

print(rch.recv_nowait('nothing waiting'))
try:
    rch.recv_nowait()
except channels.ChannelEmptyError as e:
    print(type(e).__name__, isinstance(e, channels.ChannelError), isinstance(e, RuntimeError))
try:
    rch.recv(timeout=0.1)
except TimeoutError:
    print('TimeoutError')

# send() returns only once another interpreter has received the value.
rch2, sch2 = channels.create()
other = interpreters.create()
other.prepare_main(rch=rch2)
t = threading.Thread(target=other.exec, args=("got = rch.recv()",))
t.start()
sch2.send('hello')   # returns once the other interpreter has it
t.join()
other.exec("print('received', got)")
print('send returned')

# Bytes through send_buffer.
sch.send_buffer_nowait(b'eggs')
print(bytes(rch.recv()))

# Closing the send end: what was sent can still be received, then the channel is closed.
sch.send_nowait(1)
sch.send_nowait(2)
sch.close()
print(rch.is_closed, sch.is_closed)
print(rch.recv(), rch.recv())
print(rch.is_closed)
for what, op in (('recv', rch.recv_nowait), ('send', lambda: sch.send_nowait(3))):
    try:
        op()
    except channels.ChannelClosedError as e:
        print(what, type(e).__name__)

# Closing the receive end fails senders at once.
rch3, sch3 = channels.create()
rch3.close()
print(rch3.is_closed, sch3.is_closed)
try:
    sch3.send_nowait('late')
except channels.ChannelClosedError:
    print('ChannelClosedError')
