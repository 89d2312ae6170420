"""Subinterpreters High Level Module."""

# PEP 734's module as CPython 3.14 ships it (Lib/concurrent/interpreters/__init__.py), for the
# interpreters of the Java host: each is a GraalVM context on its own thread, running Python or
# JavaScript, and only shareable values (JSON values, bytes, queues) cross between them.
#
# _interpreters and _interpqueues, the low-level modules (C in CPython), are the host's: the loader
# (python/helpers/modules.py) puts them into this namespace before this file runs, and they cannot
# be imported.

import weakref

from . import _crossinterp

# aliases:
InterpreterError = _interpreters.InterpreterError
InterpreterNotFoundError = _interpreters.InterpreterNotFoundError
NotShareableError = _interpreters.NotShareableError

from . import queues
from .queues import (
    Queue,
    QueueEmpty,
    QueueFull,
)
from .queues import (
    create as create_queue,
)

__all__ = [
    'get_current', 'get_main', 'create', 'list_all', 'is_shareable',
    'Interpreter',
    'InterpreterError', 'InterpreterNotFoundError', 'ExecutionFailed',
    'NotShareableError',
    'create_queue', 'Queue', 'QueueEmpty', 'QueueFull',
]


_EXEC_FAILURE_STR = """
{superstr}

Uncaught in the interpreter:

{formatted}
""".strip()

class ExecutionFailed(InterpreterError):
    """An unhandled exception happened during execution.

    This is raised from Interpreter.exec() and Interpreter.call().
    """

    def __init__(self, excinfo):
        msg = excinfo.formatted
        if not msg:
            if excinfo.type and excinfo.msg:
                msg = f'{excinfo.type.__name__}: {excinfo.msg}'
            else:
                msg = excinfo.type.__name__ or excinfo.msg
        super().__init__(msg)
        self.excinfo = excinfo

    def __str__(self):
        try:
            formatted = self.excinfo.errdisplay
        except Exception:
            return super().__str__()
        else:
            return _EXEC_FAILURE_STR.format(
                superstr=super().__str__(),
                formatted=formatted,
            )


def create(language=None):
    """Return a new (idle) Python interpreter (or, given language='js', a JavaScript one)."""
    return _from_info(_interpreters.create(language))


def list_all():
    """Return all existing interpreters."""
    return [_from_info(info) for info in _interpreters.list_all()]


def get_current():
    """Return the currently running interpreter."""
    return _from_info(_interpreters.get_current())


def get_main():
    """Return the main interpreter: the one a program such as `runner exec` runs in, else the Java host."""
    return Interpreter(0)


def is_shareable(obj):
    """Return True if the object's data may be shared between interpreters."""
    return _interpreters.is_shareable(obj)


def _from_info(info):
    id, whence, language = info
    return Interpreter(id, whence, language)


_known = weakref.WeakValueDictionary()

class Interpreter:
    """A single Python interpreter (a GraalVM context of the Java host).

    Attributes:

    "id" - the unique process-global ID number for the interpreter
    "whence" - indicates where the interpreter was created

    If the interpreter wasn't created by this module
    then any method that modifies the interpreter will fail,
    i.e. .close(), .prepare_main(), .exec(), and .call()
    """

    def __new__(cls, id, /, _whence=None, _language=None):
        # There is only one instance for any given ID.
        if not isinstance(id, int):
            raise TypeError(f'id must be an int, got {id!r}')
        id = int(id)
        if id < 0:
            raise ValueError(f'id must be a non-negative int, got {id!r}')
        self = _known.get(id)
        if self is not None:
            return self
        if _whence is None:
            _, _whence, _language = _interpreters.info(id)
        self = super().__new__(cls)
        self._id = id
        self._whence = _whence
        self._language = _language
        _known[id] = self
        return self

    def __repr__(self):
        return f'{type(self).__name__}({self.id})'

    def __hash__(self):
        return hash(self._id)

    def __eq__(self, other):
        return isinstance(other, Interpreter) and other._id == self._id

    # for pickling:
    def __reduce__(self):
        return (type(self), (self._id,))

    @property
    def id(self):
        return self._id

    @property
    def whence(self):
        return self._whence

    @property
    def language(self):
        """'python', 'js', or 'java' for the main interpreter (the host). Not in PEP 734."""
        return self._language

    def is_running(self):
        """Return whether or not the identified interpreter is running."""
        return _interpreters.is_running(self._id)

    # Everything past here is available only to interpreters created by
    # interpreters.create() (here: of the family of the interpreter the host created).

    def close(self):
        """Finalize and destroy the interpreter.

        Attempting to destroy the current interpreter results
        in an InterpreterError.
        """
        _interpreters.destroy(self._id)

    def prepare_main(self, ns=None, /, **kwargs):
        """Bind the given values into the interpreter's __main__.

        The values must be shareable.
        """
        ns = dict(ns, **kwargs) if ns is not None else kwargs
        _interpreters.prepare_main(self._id, ns)

    def exec(self, code, /):
        """Run the given source code in the interpreter.

        This is essentially the same as calling the builtin "exec"
        with this interpreter, using the __dict__ of its __main__
        module as both globals and locals.

        There is no return value.

        If the code raises an unhandled exception then an ExecutionFailed
        exception is raised, which summarizes the unhandled exception.
        The actual exception is discarded because objects cannot be
        shared between interpreters.

        This blocks the current Python thread until done.  During
        that time, the previous interpreter is allowed to run
        in other threads.
        """
        # An uncaught exception comes back as ExecutionFailed: see the end of this file.
        _interpreters.exec(self._id, _crossinterp.code_to_exec(code))

    def call(self, callable, /, *args, **kwargs):
        """Call the object in the interpreter with given args/kwargs.

        The callable is the name of a function defined in the interpreter's __main__;
        a function or builtin of an importable module, which runs in that module there;
        or a plain function of the program (no closure), which crosses as its code and
        runs in the interpreter's __main__, with the modules it names imported. Arguments
        and the return value must be shareable; tuples arrive as lists.

        If the callable raises an exception then the error display
        (including full traceback) is sent back between the interpreters
        and an ExecutionFailed exception is raised, much like what
        happens with Interpreter.exec().
        """
        target = _crossinterp.callable_spec(callable, 'callable')
        return _interpreters.call(self._id, target, list(args), kwargs)

    def call_in_thread(self, callable, /, *args, **kwargs):
        """Return a new thread that calls the object in the interpreter.

        The return value and any raised exception are discarded.
        """
        import threading
        target = _crossinterp.callable_spec(callable, 'callable')
        t = threading.Thread(target=_interpreters.call, args=(self._id, target, list(args), kwargs))
        t.start()
        return t


# The host answers an uncaught exception in the other interpreter with its excinfo, and _interpreters
# raises this for it (in CPython, exec() and call() above raise it themselves).
_interpreters._register_exec_failed(lambda excinfo: ExecutionFailed(_crossinterp.ExcInfo(excinfo)))

# The classes the host's side defines (like CPython's, in _interpreters) are shown as this module's.
for _cls in (InterpreterError, InterpreterNotFoundError, NotShareableError):
    _cls.__module__ = __name__
InterpreterNotFoundError.__qualname__ = InterpreterNotFoundError.__name__
del _cls
