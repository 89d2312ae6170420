# PEP 734's queues, behaviour by behaviour (after CPython's test_interpreters/test_queues.py).
# The harness runs checklist.py first (raises).
import queue as stdlib_queue
import threading

import interpreters
from interpreters import queues



def test_create():
    unbounded = queues.create()
    assert unbounded.maxsize == 0
    bounded = queues.create(3)
    assert bounded.maxsize == 3
    assert unbounded.id != bounded.id
    assert type(unbounded.id) is int


def test_shareable_and_identity():
    queue = queues.create()
    assert interpreters.is_shareable(queue)
    interp = interpreters.create()
    back = queues.create()
    interp.prepare_main(queue=queue, back=back)
    interp.exec('back.put(queue)')
    crossed = back.get(timeout=10)
    assert crossed == queue and crossed.id == queue.id and hash(crossed) == hash(queue)
    interp.close()


def test_queue_by_id_is_the_same_object():
    queue = queues.create(4)
    assert queues.Queue(queue.id) is queue
    assert queues.Queue(queue.id).maxsize == 4
    raises(queues.QueueNotFoundError, queues.Queue, 2 ** 40)
    assert issubclass(queues.QueueNotFoundError, queues.QueueError)


def test_queues_pickle_by_id():
    import pickle
    queue = queues.create()
    assert pickle.loads(pickle.dumps(queue)) is queue
    interp = interpreters.create()
    interp.prepare_main(data=pickle.dumps(queue), queue=queue)
    interp.exec('import pickle\nassert pickle.loads(data) is queue')   # another interpreter finds its own object for it
    interp.close()


def test_id_and_maxsize_read_only():
    queue = queues.create(5)
    raises(AttributeError, setattr, queue, 'id', 1)
    raises(AttributeError, setattr, queue, 'maxsize', 1)


def test_hashable_and_equality():
    a, b = queues.create(), queues.create()
    assert a == a and a != b
    assert len({a, b, a}) == 2


def test_empty_full_qsize():
    queue = queues.create(2)
    assert queue.empty() and not queue.full() and queue.qsize() == 0
    queue.put(1)
    assert not queue.empty() and not queue.full() and queue.qsize() == 1
    queue.put(2)
    assert queue.full() and queue.qsize() == 2
    queue.get()
    queue.get()
    assert queue.empty()
    assert not queues.create().full()


def test_put_get_in_one_interpreter():
    queue = queues.create()
    for value in (None, True, 1, 2**80, 1.5, 'spam', b'eggs', [1, (2, 3)], {'a': [b'\x00']}):
        queue.put(value)
        expected = [1, [2, 3]] if value == [1, (2, 3)] else value
        assert queue.get() == expected, value


def test_fifo():
    queue = queues.create()
    for i in range(100):
        queue.put(i)
    assert [queue.get() for _ in range(100)] == list(range(100))


def test_put_timeout_and_nowait():
    queue = queues.create(1)
    queue.put(None)
    raises(queues.QueueFull, queue.put, None, timeout=0.05)
    raises(stdlib_queue.Full, queue.put_nowait, None)
    raises(queues.QueueFull, queue.put, None, block=False)


def test_get_timeout_and_nowait():
    queue = queues.create()
    raises(queues.QueueEmpty, queue.get, timeout=0.05)
    raises(stdlib_queue.Empty, queue.get_nowait)
    raises(queues.QueueEmpty, queue.get, block=False)


def test_put_not_shareable():
    queue = queues.create()
    error = raises(interpreters.NotShareableError, queue.put, {'a': object()})
    assert str(error).startswith('$.a: object is not shareable'), str(error)
    assert queue.empty()


def test_values_are_copied():
    queue = queues.create()
    items = [1]
    queue.put(items)
    items.append(2)
    assert queue.get() == [1]


def test_put_get_different_interpreters():
    to_sub, from_sub = queues.create(), queues.create()
    interp = interpreters.create()
    interp.prepare_main(to_sub=to_sub, from_sub=from_sub)
    interp.exec('def echo(n):\n    for _ in range(n):\n        from_sub.put(to_sub.get())')
    thread = interp.call_in_thread('echo', 3)
    for value in ('spam', [1, 2], {'k': b'v'}):
        to_sub.put(value)
        assert from_sub.get(timeout=10) == value
    thread.join()
    interp.close()


def test_put_get_different_threads():
    queue = queues.create()
    received = []
    consumer = threading.Thread(target=lambda: received.extend(queue.get(timeout=10) for _ in range(50)))
    consumer.start()
    for i in range(50):
        queue.put(i)
    consumer.join()
    assert received == list(range(50))


def test_items_outlive_the_interpreter_that_put_them():
    queue = queues.create()
    interp = interpreters.create()
    interp.prepare_main(queue=queue)
    interp.exec('queue.put("kept")')
    interp.close()
    assert queue.get(timeout=10) == 'kept'


def test_blocked_get_wakes_without_polling():
    import time
    queue = queues.create()
    interp = interpreters.create()
    interp.prepare_main(queue=queue)
    thread = threading.Thread(target=interp.exec, args=('import time\ntime.sleep(0.05)\nqueue.put(time.monotonic())',))
    thread.start()
    sent = queue.get(timeout=10)
    latency = time.monotonic() - sent
    thread.join()
    assert latency < 5, latency   # a real wake-up; the bound only guards against a hang
    interp.close()
