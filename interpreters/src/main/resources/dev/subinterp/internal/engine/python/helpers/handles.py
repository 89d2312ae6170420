# Queues and channels. A guest holds a queue or a channel end as an instance of these classes around the
# host's handle (HandleProxy): one function, handle(operation, *args), that answers [status, value]
# instead of raising. They are here, not in the interpreters package, because a queue or channel may
# cross into an interpreter that never imports it (the host's prepare_main, a call's argument).

class InterpreterError(Exception):
    """A cross-interpreter operation failed"""


class NotShareableError(TypeError):
    """The value cannot cross between interpreters: only JSON values, bytes, queues and channels do."""


class QueueError(InterpreterError):
    """Indicates that some queue-related operation failed."""


class QueueNotFoundError(QueueError):
    """No queue has the given id."""


# QueueEmpty and QueueFull are also queue.Empty and queue.Full (PEP 734), so they are made on first use:
# see the note on imports in values.py.
QueueEmpty = QueueFull = None


def _define_queue_errors():
    global QueueEmpty, QueueFull
    if QueueEmpty is not None:
        return
    import queue

    class QueueEmpty(QueueError, queue.Empty):
        """Raised from get_nowait() when the queue is empty.

        It is also raised from get() if it times out.
        """

    class QueueFull(QueueError, queue.Full):
        """Raised from put_nowait() when the queue is full.

        It is also raised from put() if it times out.
        """

    for cls in (QueueEmpty, QueueFull):
        cls.__qualname__ = cls.__name__
    _ERRORS.update({Status.QUEUE_EMPTY: QueueEmpty, Status.QUEUE_FULL: QueueFull})


# CPython 3.13's _interpchannels errors derive from RuntimeError; these are InterpreterErrors too.
class ChannelError(InterpreterError, RuntimeError):
    """Indicates that some channel-related operation failed."""


class ChannelNotFoundError(ChannelError):
    """No channel has the given id."""


class ChannelEmptyError(ChannelError):
    """recv_nowait() found nothing to receive."""


class ChannelNotEmptyError(ChannelError):
    """The channel still holds values."""


class ChannelClosedError(ChannelError):
    """The channel is closed."""


_ERRORS = {
    Status.NOT_SHAREABLE: NotShareableError,
    Status.QUEUE_CLOSED: QueueError,
    Status.CHANNEL_EMPTY: ChannelEmptyError,
    Status.CHANNEL_CLOSED: ChannelClosedError,
    Status.CHANNEL_TIMEOUT: TimeoutError,
    Status.INTERRUPTED: InterpreterError,
    Status.TYPE_ERROR: TypeError,
}


def _call(handle, *args):
    answer = handle(*args)
    status = answer[0]
    if status == Status.OK:
        return answer[1]
    if status not in _ERRORS:
        _define_queue_errors()
    raise _ERRORS[status](answer[1])


# How the interpreters module finds a queue or a channel of the runtime by id, once it is imported:
# {'queue': function(id) -> Queue, 'channel': function(id) -> (RecvChannel, SendChannel)}.
_FINDERS = {}
# One object per queue or channel end in this interpreter, by (class name, id), as CPython keeps.
_KNOWN = None


def _known():
    global _KNOWN
    if _KNOWN is None:
        import weakref
        _KNOWN = weakref.WeakValueDictionary()
    return _KNOWN


class _Handle:
    __slots__ = ('__subinterp_handle__', '_id', '__weakref__')

    @classmethod
    def _wrap(cls, handle, id, *more):
        """The object for the host's queue or channel end `id` (the same one every time it crosses in)."""
        known = _known()
        self = known.get((cls.__name__, id))
        if self is None:
            self = object.__new__(cls)
            object.__setattr__(self, '__subinterp_handle__', handle)
            object.__setattr__(self, '_id', id)
            self._more(*more)
            known[(cls.__name__, id)] = self
        return self

    def _more(self):
        pass

    def __new__(cls, id, /):
        """The one with this id, as CPython finds it (Queue(id), RecvChannel(id)); also how they unpickle."""
        found = cls._find(id)
        if type(found) is not cls:
            raise TypeError(f'{id} is the id of a {type(found).__name__}, not of a {cls.__name__}')
        return found

    def __reduce__(self):
        return type(self), (self._id,)

    @property
    def id(self):
        return self._id

    def __eq__(self, other):
        return type(other) is type(self) and other._id == self._id

    def __hash__(self):
        return hash((type(self).__name__, self._id))

    def __repr__(self):
        return f'{type(self).__name__}({self._id})'


class Queue(_Handle):
    """A cross-interpreter queue (PEP 734): values are copied in as JSON or bytes."""
    __slots__ = ('_maxsize',)

    def _more(self, maxsize):
        object.__setattr__(self, '_maxsize', maxsize)

    @staticmethod
    def _find(id):
        if 'queue' not in _FINDERS:
            import interpreters   # installs the finders
        return _FINDERS['queue'](id)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return _call(self.__subinterp_handle__, Operation.EMPTY)

    def full(self):
        return _call(self.__subinterp_handle__, Operation.FULL)

    def qsize(self):
        return _call(self.__subinterp_handle__, Operation.QSIZE)

    def put(self, obj, block=True, timeout=None):
        """Adds a copy of obj; if the queue is full, waits (up to timeout seconds) for room, else raises QueueFull."""
        _call(self.__subinterp_handle__, Operation.PUT, obj, bool(block), _timeout(timeout))

    def put_nowait(self, obj):
        self.put(obj, block=False)

    def get(self, block=True, timeout=None):
        """Removes and returns the oldest item; if empty, waits (up to timeout seconds), else raises QueueEmpty."""
        return _call(self.__subinterp_handle__, Operation.GET, bool(block), _timeout(timeout))

    def get_nowait(self):
        """Return the next object from the queue.

        If the queue is empty then raise QueueEmpty.  Otherwise this
        is the same as get().
        """
        return self.get(block=False)


class _ChannelEnd(_Handle):
    __slots__ = ()

    @classmethod
    def _find(cls, id):
        if 'channel' not in _FINDERS:
            import interpreters   # installs the finders
        recv, send = _FINDERS['channel'](id)
        return recv if cls is RecvChannel else send

    def __repr__(self):
        return f'{type(self).__name__}(id={self._id})'

    @property
    def is_closed(self):
        return _call(self.__subinterp_handle__, Operation.IS_CLOSED)

    def close(self):
        _call(self.__subinterp_handle__, Operation.CLOSE)


def _timeout(timeout):
    if timeout is not None and timeout < 0:
        raise ValueError('timeout value must be non-negative')
    return timeout


class RecvChannel(_ChannelEnd):
    """The receiving end of a cross-interpreter channel."""
    __slots__ = ()

    def recv(self, timeout=None):
        """Takes the oldest value sent, waiting (up to timeout seconds) for one."""
        return _call(self.__subinterp_handle__, Operation.RECV, _timeout(timeout))

    def recv_nowait(self, default=_ERRORS):
        try:
            return _call(self.__subinterp_handle__, Operation.RECV_NOWAIT)
        except ChannelEmptyError:
            if default is _ERRORS:
                raise
            return default


class SendChannel(_ChannelEnd):
    """The sending end of a cross-interpreter channel."""
    __slots__ = ()

    def send(self, obj, timeout=None):
        """Sends a copy of obj and waits (up to timeout seconds) until it is received."""
        _call(self.__subinterp_handle__, Operation.SEND, obj, _timeout(timeout))

    def send_nowait(self, obj):
        """Sends a copy of obj without waiting for it to be received."""
        _call(self.__subinterp_handle__, Operation.SEND_NOWAIT, obj)

    def send_buffer(self, obj, timeout=None):
        """Sends a copy of obj's bytes (bytes, bytearray, memoryview) and waits until it is received."""
        _call(self.__subinterp_handle__, Operation.SEND_BUFFER, obj, _timeout(timeout))

    def send_buffer_nowait(self, obj):
        _call(self.__subinterp_handle__, Operation.SEND_BUFFER_NOWAIT, obj)


def wrap_queue(handle, id, maxsize):
    return Queue._wrap(handle, id, maxsize)


def wrap_recv(handle, id):
    return RecvChannel._wrap(handle, id)


def wrap_send(handle, id):
    return SendChannel._wrap(handle, id)


# Named for the modules that export them from the start, so that pickle finds a queue or a channel end
# (by its id) in an interpreter that never imported those modules.
for _cls in (Queue, QueueError, QueueNotFoundError):
    _cls.__module__ = 'interpreters.queues'
for _cls in (RecvChannel, SendChannel, ChannelError, ChannelNotFoundError, ChannelEmptyError, ChannelNotEmptyError,
             ChannelClosedError):
    _cls.__module__ = 'interpreters.channels'
del _cls
