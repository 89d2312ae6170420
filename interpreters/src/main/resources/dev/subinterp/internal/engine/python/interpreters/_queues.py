"""Cross-interpreter Queues High Level Module."""

# PEP 734's interpreters.queues, in the file CPython 3.14 names Lib/concurrent/interpreters/_queues.py.
# A queue is the host's own object (dev.subinterp.channel.Queue) and may cross into an interpreter
# that never imports this module, so its class is defined with the helpers every interpreter loads
# (python/helpers/handles.py) and comes here through _interpqueues. The loader puts _interpreters and
# _interpqueues into this namespace before this file runs (see interpreters/__init__.py).

# aliases:
Queue = _interpqueues.Queue
QueueError = _interpqueues.QueueError
QueueNotFoundError = _interpqueues.QueueNotFoundError
QueueEmpty = _interpqueues.QueueEmpty
QueueFull = _interpqueues.QueueFull

__all__ = [
    'create',
    'Queue',
    'QueueError', 'QueueNotFoundError', 'QueueEmpty', 'QueueFull',
]


def create(maxsize=0):
    """Return a new cross-interpreter queue.

    The queue may be used to pass data safely between interpreters.
    """
    return _interpreters.create_queue(int(maxsize))


for _cls in (Queue, QueueError, QueueNotFoundError, QueueEmpty, QueueFull):
    _cls.__module__ = __name__
del _cls
