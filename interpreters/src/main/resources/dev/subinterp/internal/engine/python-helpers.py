# Helpers the runtime uses inside every Python interpreter. They run in a private namespace, never in
# the user's __main__, and only the host calls them.
# json, traceback and queue are imported where first needed, not here: with what they pull in (re,
# tokenize, threading) they cost a new interpreter about 2 s of start-up in a fresh JVM, and most
# programs never raise, cross a large value or touch a queue.


def none():
    return None


def decode_json(text):
    import json
    return json.loads(text)


def big_int(data):
    # Two's-complement bytes from the host: int(text) would obey sys.int_max_str_digits, which guests may lower.
    return int.from_bytes(data, 'big', signed=True)


try:
    from polyglot import storage as _storage   # GraalPy's own module, built in: costs nothing to import
except ImportError:
    _storage = None


def new_bytes(size):
    # A new bytes object and the Java byte[] that holds its contents (no copy), which the host fills
    # before anything else sees the object; (object, None) where GraalPy does not offer polyglot.storage.
    made = bytes(size)
    return made, None if _storage is None else _storage(made)


def bytes_from_latin1(text):
    # One char per byte: the slow way in (str.encode runs a CharsetEncoder), where new_bytes cannot serve.
    return text.encode('latin-1')


def new_map():
    return {}


def new_list():
    return []


def put(container, key, value):
    container[key] = value


def append(container, value):
    container.append(value)


def describe(exc, sources):
    """[type, message, formatted, traceback, source name, line, column, qualname, module] of an uncaught exception."""
    import linecache
    import traceback
    for name, text in sources.items():
        linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    kind = type(exc)
    try:
        message = str(exc)
    except BaseException:
        message = '<str() of the exception failed>'
    only = traceback.format_exception_only(kind, exc)
    formatted = only[-1].strip() if only else kind.__name__
    described = traceback.TracebackException(kind, exc, exc.__traceback__)
    # The helpers' own frames (exec_code running compiled code) are not the guest's: leave them out.
    frames = [frame for frame in described.stack if frame.filename != '<subinterp-helpers>']
    described.stack = traceback.StackSummary.from_list(frames)
    display = ''.join(described.format())
    name, line, column = None, 0, 0
    if isinstance(exc, SyntaxError):
        name, line, column = exc.filename, exc.lineno or 0, exc.offset or 0
    elif frames:
        last = frames[-1]
        colno = getattr(last, 'colno', None)
        name, line, column = last.filename, last.lineno or 0, (colno + 1) if colno is not None else 0
    return [kind.__name__, message, formatted, display, name, line, column, kind.__qualname__, kind.__module__]


# The standard streams and os.write as they were before any guest code ran: the host calls these after
# a guest's call, and a guest must not be able to make them run its own code (or loop) instead.
# (posix.write is os.write; importing os itself costs a new interpreter 0.4 s in a fresh JVM)
import posix as _posix
import sys as _sys
_STREAMS = (_sys.stdout, _sys.stderr)
_WRITE = _posix.write
del _posix, _sys


def flush():
    for stream in _STREAMS:
        try:
            stream.flush()
        except Exception:
            pass


# ---- queues and channels ---------------------------------------------------------------------------
# A guest holds a queue or channel end as an instance of these classes around the host's handle: one
# function, handle(operation, *args), that answers [status, value] instead of raising.

class InterpreterError(Exception):
    """A basic interpreter error."""


class NotShareableError(TypeError):
    """The value cannot cross between interpreters: only JSON values, bytes, queues and channels do."""


class QueueError(InterpreterError):
    """Indicates that some queue-related operation failed."""


# QueueEmpty and QueueFull are also queue.Empty and queue.Full (PEP 734), so they are made on first use:
# see the imports at the top.
QueueEmpty = QueueFull = None


def _define_queue_errors():
    global QueueEmpty, QueueFull
    if QueueEmpty is not None:
        return
    import queue

    class QueueEmpty(QueueError, queue.Empty):
        """get_nowait() on an empty queue, or get() whose timeout passed."""

    class QueueFull(QueueError, queue.Full):
        """put_nowait() on a full queue, or put() whose timeout passed."""

    for cls in (QueueEmpty, QueueFull):
        cls.__qualname__ = cls.__name__
        setattr(_Helpers, cls.__name__, cls)
    _ERRORS.update(queue_empty=QueueEmpty, queue_full=QueueFull)


class ChannelError(InterpreterError):
    """Indicates that some channel-related operation failed."""


class ChannelEmptyError(ChannelError):
    """recv_nowait() found nothing to receive."""


class ChannelClosedError(ChannelError):
    """The channel is closed."""


_ERRORS = {
    'not_shareable': NotShareableError,
    'queue_closed': QueueError,
    'channel_empty': ChannelEmptyError,
    'channel_closed': ChannelClosedError,
    'channel_timeout': TimeoutError,
    'interrupted': InterpreterError,
    'type_error': TypeError,
}


def _call(handle, *args):
    answer = handle(*args)
    status = answer[0]
    if status == 'ok':
        return answer[1]
    if status not in _ERRORS:
        _define_queue_errors()
    raise _ERRORS[status](answer[1])


class _Handle:
    __slots__ = ('__subinterp_handle__', '_id')

    def __init__(self, handle, id):
        object.__setattr__(self, '__subinterp_handle__', handle)
        object.__setattr__(self, '_id', id)

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

    def __init__(self, handle, id, maxsize):
        super().__init__(handle, id)
        object.__setattr__(self, '_maxsize', maxsize)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return _call(self.__subinterp_handle__, 'empty')

    def full(self):
        return _call(self.__subinterp_handle__, 'full')

    def qsize(self):
        return _call(self.__subinterp_handle__, 'qsize')

    def put(self, obj, block=True, timeout=None):
        """Adds a copy of obj; if the queue is full, waits (up to timeout seconds) for room, else raises QueueFull."""
        _call(self.__subinterp_handle__, 'put', obj, bool(block), timeout)

    def put_nowait(self, obj):
        self.put(obj, block=False)

    def get(self, block=True, timeout=None):
        """Removes and returns the oldest item; if empty, waits (up to timeout seconds), else raises QueueEmpty."""
        return _call(self.__subinterp_handle__, 'get', bool(block), timeout)

    def get_nowait(self):
        return self.get(block=False)


class RecvChannel(_Handle):
    """The receiving end of a cross-interpreter channel."""
    __slots__ = ()

    def recv(self, timeout=None):
        """Takes the oldest value sent, waiting (up to timeout seconds) for one."""
        return _call(self.__subinterp_handle__, 'recv', timeout)

    def recv_nowait(self, default=_ERRORS):
        try:
            return _call(self.__subinterp_handle__, 'recv_nowait')
        except ChannelEmptyError:
            if default is _ERRORS:
                raise
            return default

    def close(self):
        _call(self.__subinterp_handle__, 'close')


class SendChannel(_Handle):
    """The sending end of a cross-interpreter channel."""
    __slots__ = ()

    def send(self, obj, timeout=None):
        """Sends a copy of obj and waits (up to timeout seconds) until it is received."""
        _call(self.__subinterp_handle__, 'send', obj, timeout)

    def send_nowait(self, obj):
        _call(self.__subinterp_handle__, 'send_nowait', obj)

    def send_buffer(self, obj, timeout=None):
        _call(self.__subinterp_handle__, 'send_buffer', obj, timeout)

    def send_buffer_nowait(self, obj):
        _call(self.__subinterp_handle__, 'send_buffer_nowait', obj)

    def close(self):
        _call(self.__subinterp_handle__, 'close')


def wrap_queue(handle, id, maxsize):
    return Queue(handle, id, maxsize)


def wrap_recv(handle, id):
    return RecvChannel(handle, id)


def wrap_send(handle, id):
    return SendChannel(handle, id)


# ---- the interpreters module (PEP 734) ---------------------------------------------------------------

def install_interpreters(bridge, source):
    """Makes `import interpreters`, `from concurrent import interpreters` and
    `concurrent.futures.InterpreterPoolExecutor` work. The module is built on first import; the bridge
    lives only in closures, never in a module's globals or in sys.modules."""
    import sys
    spec_type = type(sys.__spec__)
    modules = {}

    def build():
        if not modules:
            main = type(sys)('interpreters')
            main.__doc__ = 'Multiple interpreters (PEP 734), backed by the Java host.'
            _define_queue_errors()
            exec(compile(source, '<interpreters>', 'exec'), main.__dict__)
            queues, executor = main.__dict__.pop('_install')(bridge, _Helpers)
            modules.update({'interpreters': main, 'interpreters.queues': queues,
                            'concurrent.futures.interpreter': executor})
        return modules

    aliases = {'interpreters': 'interpreters', 'concurrent.interpreters': 'interpreters',
               'interpreters.queues': 'interpreters.queues',
               'concurrent.interpreters.queues': 'interpreters.queues',
               'concurrent.futures.interpreter': 'concurrent.futures.interpreter'}

    class Loader:
        def __init__(self, name):
            self.name = name

        def create_module(self, spec):
            return build()[aliases[self.name]]

        def exec_module(self, module):
            pass   # built whole by create_module

    class FuturesLoader:
        """Loads concurrent.futures as usual, then teaches it InterpreterPoolExecutor."""
        def __init__(self, real):
            self.real = real

        def create_module(self, spec):
            return self.real.create_module(spec)

        def exec_module(self, module):
            self.real.exec_module(module)
            lazy = module.__dict__.get('__getattr__')

            def __getattr__(name):
                if name == 'InterpreterPoolExecutor':
                    from concurrent.futures.interpreter import InterpreterPoolExecutor
                    return InterpreterPoolExecutor
                if lazy is None:
                    raise AttributeError(f"module {module.__name__!r} has no attribute {name!r}")
                return lazy(name)
            module.__getattr__ = __getattr__

    class Finder:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name in aliases:
                return spec_type(name, Loader(name), is_package=name in ('interpreters', 'concurrent.interpreters'))
            if name == 'concurrent.futures':
                for finder in sys.meta_path:
                    if finder is Finder or not hasattr(finder, 'find_spec'):
                        continue
                    spec = finder.find_spec(name, path, target)
                    if spec is not None:
                        spec.loader = FuturesLoader(spec.loader)
                        return spec
            return None

    sys.meta_path.insert(0, Finder)


class _Helpers:
    """The classes the interpreters module shares with queues and channels (see above)."""


for _name in ('InterpreterError', 'NotShareableError', 'QueueError', 'Queue',
              'ChannelError', 'ChannelEmptyError', 'ChannelClosedError', 'RecvChannel', 'SendChannel', '_call'):
    setattr(_Helpers, _name, globals()[_name])


def exec_code(code):
    import marshal
    import __main__
    exec(marshal.loads(code), __main__.__dict__)


def function_from_code(spec):
    import marshal
    import __main__
    function = type(exec_code)(marshal.loads(spec['code']), __main__.__dict__, spec['name'],
                               tuple(spec['defaults']) if spec['defaults'] is not None else None)
    function.__kwdefaults__ = spec['kwdefaults']
    return function


def invoke(function, args, kwargs):
    return function(*args, **kwargs)


def cap_recursion(cap, set_limit):
    """Sets the recursion limit to `cap` and keeps guests from raising it.

    `set_limit` is a host function that holds the real sys.setrecursionlimit: the guest never sees
    that builtin again, and the host function itself refuses values above the cap.
    """
    import sys
    set_limit(cap)

    def setrecursionlimit(limit):
        if not isinstance(limit, int):
            raise TypeError("an integer is required")
        if limit > cap:
            raise ValueError(f"the sandbox policy caps the recursion limit at {cap}")
        set_limit(limit)

    sys.setrecursionlimit = setrecursionlimit


def cap_threads(cap):
    """Lets at most `cap` guest threads run at once: a guard against thread bombs inside the guest.

    It is not a security boundary (a guest that digs out the original _thread function bypasses it);
    the policy's threads switch is the hard one.
    """
    import _thread
    import sys
    start = _thread.start_new_thread
    lock = _thread.allocate_lock()
    running = [0]

    def start_new_thread(function, args, kwargs=None):
        with lock:
            if running[0] >= cap:
                raise RuntimeError(f"can't start new thread: the sandbox policy allows {cap} threads at once")
            running[0] += 1

        def run(*a, **k):
            try:
                return function(*a, **k)
            finally:
                with lock:
                    running[0] -= 1

        try:
            return start(run, args, kwargs or {})
        except BaseException:
            with lock:
                running[0] -= 1
            raise

    _thread.start_new_thread = start_new_thread
    if hasattr(_thread, 'start_new'):
        _thread.start_new = start_new_thread
    threading = sys.modules.get('threading')
    if threading is not None and hasattr(threading, '_start_new_thread'):
        threading._start_new_thread = start_new_thread


def guard_signals():
    """Keeps process signals away from the guest: its signal module can neither raise a signal nor install a
    handler (PermissionError). Signal handlers belong to the whole process, so one guest's SIGTERM or
    SIG_IGN would end or deafen the host and every other interpreter, and outlive the guest.
    Reading handlers still works, and setting one to what it already is (a common signal(SIGPIPE, SIG_DFL)
    at start-up) is allowed as the no-op it is.
    """
    import _signal
    import sys
    getsignal = _signal.getsignal

    def refuse(name):
        def refused(*args, **kwargs):
            raise PermissionError(f"signal.{name}() is not allowed by the sandbox policy: "
                                  "signals belong to the host process, not to one interpreter")
        refused.__name__ = refused.__qualname__ = name
        return refused

    refused_signal = refuse('signal')

    def signal(signalnum, handler):
        current = getsignal(signalnum)
        if handler is current or (type(handler) is int and type(current) is int and handler == current):
            return current
        return refused_signal(signalnum, handler)

    replacements = {'signal': signal}
    for name in ('raise_signal', 'alarm', 'setitimer', 'pthread_kill', 'pthread_sigmask', 'sigwait',
                 'sigwaitinfo', 'sigtimedwait'):
        replacements[name] = refuse(name)
    # _signal is the builtin module; signal.py (if already imported) copied its functions.
    for module in (_signal, sys.modules.get('signal')):
        if module is None:
            continue
        for name, replacement in replacements.items():
            if hasattr(module, name):
                setattr(module, name, replacement)


def guard_unsupported_posix():
    """Turns calls that GraalPy's Java POSIX backend (no native access) cannot serve into the guest's own
    io.UnsupportedOperation (an OSError), before they reach the backend: there they raise a Java
    exception that ends the program past any `except`. GraalPy already does this for some calls
    (os.killpg, fcntl.ioctl); these are the ones it does not."""
    import __graalpython__
    if __graalpython__.posix_module_backend() != 'java':
        return
    import _io
    import posix
    unsupported = _io.UnsupportedOperation

    def refuse(call):
        def refused(*args, **kwargs):
            raise unsupported(f"{call} is not supported here (GraalPy's Java POSIX backend, no native access)")
        refused.__name__ = refused.__qualname__ = call.partition('(')[0].rpartition('.')[2]
        return refused

    for name in ('getppid', 'getpgid', 'setpgid', 'getpgrp', 'getsid', 'setsid', 'openpty',
                 'chown', 'lchown', 'fchown'):
        if hasattr(posix, name):
            setattr(posix, name, refuse(f'os.{name}()'))

    access, lseek = posix.access, posix.lseek

    def guarded_access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True):
        if effective_ids:
            refuse('os.access(effective_ids=True)')()
        return access(path, mode, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
    guarded_access.__name__ = guarded_access.__qualname__ = 'access'

    def guarded_lseek(fd, position, whence, /):
        if whence in (3, 4):   # SEEK_DATA, SEEK_HOLE
            refuse('os.lseek(SEEK_DATA/SEEK_HOLE)')()
        return lseek(fd, position, whence)
    guarded_lseek.__name__ = guarded_lseek.__qualname__ = 'lseek'
    posix.access, posix.lseek = guarded_access, guarded_lseek

    import select
    select.select = refuse('select.select()')
    import _socket
    real_socket = _socket.socket

    class socket(real_socket):
        __slots__ = ()

        def __init__(self, *args, **kwargs):
            refuse('socket.socket()')()
    socket.__module__ = '_socket'
    _socket.socket = _socket.SocketType = socket
    try:
        import _crypt as crypt
    except ImportError:
        crypt = None
    if crypt is not None:
        crypt.crypt = refuse('crypt.crypt()')


def streams_usable():
    """Whether stdout and stderr still work: an interrupt that lands mid-write closes GraalPy's channel."""
    try:
        _WRITE(1, b'')
        _WRITE(2, b'')
        return True
    except OSError:
        return False


def install_host_module(module_name, names, invoke):
    """Offers the embedder's host functions as the module `module_name`; other names fail clearly."""
    import sys
    import types
    allowed = [str(name) for name in names]
    module = types.ModuleType(module_name, "Functions the Java host offers to this interpreter.")

    class HostFunctionError(Exception):
        """A host function failed on the Java side."""
    HostFunctionError.__module__ = module_name

    def make(name):
        def host_function(*args):
            if len(args) > 1:
                raise TypeError(f"{module_name}.{name}() takes one JSON argument, not {len(args)}")
            status, value = invoke(name, *args)
            if status == 'ok':
                return value
            if status == 'not_shareable':
                raise TypeError(value)
            raise HostFunctionError(value)
        host_function.__name__ = host_function.__qualname__ = name
        host_function.__module__ = module_name
        return host_function

    for name in allowed:
        setattr(module, name, make(name))
    module.HostFunctionError = HostFunctionError

    def __getattr__(attribute):
        raise AttributeError(f"host function '{attribute}' is not available here "
                             f"(allowed: {', '.join(allowed) or 'none'})")
    module.__getattr__ = __getattr__
    sys.modules[module_name] = module
