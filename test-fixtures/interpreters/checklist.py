# Shared by test_api.py and test_queues.py: the harness runs this first, in the same __main__.
import contextlib
import threading

import interpreters


def raises(kind, action, *args, **kwargs):
    """Calls action and returns the exception of type kind it raised; fails if it raised none."""
    try:
        action(*args, **kwargs)
    except kind as e:
        return e
    raise AssertionError(f'{getattr(action, "__name__", action)} did not raise {kind.__name__}')


@contextlib.contextmanager
def kept_running(interp):
    """Keeps interp busy in an exec on another thread (blocked on a queue) for the with-block."""
    gate, started = interpreters.create_queue(), interpreters.create_queue()
    interp.prepare_main(_gate=gate, _started=started)
    thread = threading.Thread(target=interp.exec, args=('_started.put(1)\n_gate.get()',))
    thread.start()
    started.get(timeout=10)
    try:
        yield
    finally:
        gate.put(None)
        thread.join()
