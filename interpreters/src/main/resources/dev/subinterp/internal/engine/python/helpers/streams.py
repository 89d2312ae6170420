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


def streams_usable():
    """Whether stdout and stderr still work: an interrupt that lands mid-write closes GraalPy's channel."""
    try:
        _WRITE(1, b'')
        _WRITE(2, b'')
        return True
    except OSError:
        return False
