# What the sandbox policy enforces inside the guest before any user code runs (PythonBridge.applyPolicy):
# the recursion depth, a cap on threads, no process signals, the calls GraalPy's Java POSIX backend
# cannot serve, and time.sleep that lasts what it is asked.

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


def keep_sleep_on_time():
    """Makes time.sleep(s) last s, as in CPython. GraalPy 25.0's sleep starts over with the whole
    duration when a thread-local action interrupts it (measured: time.sleep(1) took 1.1-2.1 s, and
    sleep(2) 2.7 s), so a long sleep is slept in short slices against a deadline: each slice can
    overshoot by at most its own length."""
    import time
    sleep = time.sleep
    monotonic = time.monotonic
    slice_seconds = 0.02

    def sleep_on_time(secs):
        if not isinstance(secs, (int, float)) or secs <= slice_seconds:
            return sleep(secs)   # the builtin's own errors (type, negative) and short sleeps
        deadline = monotonic() + secs
        while (left := deadline - monotonic()) > 0:
            sleep(min(left, slice_seconds))

    sleep_on_time.__name__ = sleep_on_time.__qualname__ = 'sleep'
    sleep_on_time.__module__ = 'time'
    sleep_on_time.__doc__ = sleep.__doc__
    time.sleep = sleep_on_time
