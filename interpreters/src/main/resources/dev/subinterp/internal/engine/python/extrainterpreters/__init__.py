"""extrainterpreters: the thread-like Interpreter API that programs for CPython 3.12 and 3.13 were
written against (João S. O. Bueno's package), on this host's interpreters.

Interpreter(target=f, args=(...)).start() runs f in a new interpreter on a thread of its own;
join() waits for it and closes the interpreter; done() and result() tell how it went. run() calls a
function there and waits; run_in_thread() does not; run_string() runs code. The package passes
functions and values by pickle through a shared memory buffer. Here a function crosses as its code
(a plain function of the program, with the modules and functions of the program it names) or by name
(a function or class of an importable module, as pickle would name it), and arguments and results
cross as shareable values (JSON values and bytes): a result that is not one fails the call.
"""

import marshal
import threading
import time
import types
import weakref

import interpreters as _interpreters

# The package names the interpreters module it stands on `interpreters` (CPython's _interpreters there).
interpreters = _interpreters

__version__ = '0.2-beta3'

# The package's buffer size; no buffer is used here (values cross as JSON and bytes).
BFSZ = 10_000_000

running_interpreters = weakref.WeakValueDictionary()


class ResourceBusyError(RuntimeError):
    """A resource is in use by another interpreter."""


def get_current():
    """The id of the interpreter this code runs in."""
    return _interpreters.get_current().id


def raw_list_all():
    """The ids of every interpreter alive."""
    return [interp.id for interp in _interpreters.list_all()]


def list_all():
    """The Interpreter objects of this module that are started and not closed."""
    return [interp for interp in running_interpreters.values()]


# Runs in the target: calls what a module and qualified name lead to, as pickle finds a function.
_CALL_BY_NAME = '''
def _extrainterpreters_call(module, qualname, args, kwargs):
    import importlib
    target = importlib.import_module(module)
    for part in qualname.split('.'):
        target = getattr(target, part)
    return target(*args, **kwargs)
'''


class BaseInterpreter:
    """A sub-interpreter, started by start() or by entering a with block, closed by close()."""

    def __init__(self):
        # .intno and .id are both the interpreter's id; .intno is None again once it is closed.
        self.intno = self.id = None
        self.lock = threading.RLock()
        self.thread = None
        self._interp = None
        self._sent = {}

    def start(self):
        if self.intno is not None:
            raise RuntimeError('Interpreter already started')
        with self.lock:
            self._interp = _interpreters.create()
            self.intno = self.id = self._interp.id
            running_interpreters[self.intno] = self
            self._interp.exec(_CALL_BY_NAME)
        return self

    def __enter__(self):
        return self.start()

    def __exit__(self, *args):
        return self.close(*args)

    def close(self, *args):
        with self.lock:
            if self.intno is None:
                return
            if self._interp.is_running():
                return   # as the package does: a call still running keeps its interpreter
            self._interp.close()
            running_interpreters.pop(self.id, None)
            self.intno = None
        self.thread = None

    def run_string(self, code):
        """Runs a string of code in the interpreter."""
        self._ensure_started()
        self._interp.exec(code)

    def _ensure_started(self):
        if self.intno is None:
            raise RuntimeError('Sub-interpreter not initialized. Call ".start()" or enter context to make calls.')

    def _call(self, func, args, kwargs):
        """Calls func in the interpreter and returns its result."""
        self._ensure_started()
        if isinstance(func, types.FunctionType) and func.__module__ == '__main__':
            self._send_program_names(func.__code__, func.__globals__)
            return self._interp.call(func, *args, **kwargs)
        module = getattr(func, '__module__', None) or 'builtins'
        qualname = getattr(func, '__qualname__', None)
        if qualname is None or '<' in qualname:
            raise _interpreters.NotShareableError(
                f'{func!r} cannot cross to another interpreter: pass a function of the program or of an importable module')
        return self._interp.call('_extrainterpreters_call', module, qualname, list(args), dict(kwargs))

    def _send_program_names(self, code, names):
        """What a function of the program uses from the program: its modules, as imports, and its
        other functions, as their code (as the package rebuilds an interactive session's functions)."""
        for name in self._names_used(code):
            value = names.get(name)
            if isinstance(value, types.ModuleType):
                if self._sent.get(name) is not value:
                    self._interp.exec(f'import {value.__name__}\n{name} = {value.__name__}' if name != value.__name__
                                      else f'import {name}')
                    self._sent[name] = value
            elif isinstance(value, types.FunctionType) and value.__module__ == '__main__' and not value.__closure__:
                if self._sent.get(name) is not value:
                    self._sent[name] = value
                    self._send_program_names(value.__code__, names)
                    self._interp.exec(f'import marshal, types\n{name} = types.FunctionType('
                                      f'marshal.loads({marshal.dumps(value.__code__)!r}), globals(), {name!r}, '
                                      f'{value.__defaults__!r})')

    @staticmethod
    def _names_used(code):
        names = set(code.co_names)
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                names |= BaseInterpreter._names_used(const)
        return sorted(names)

    def __repr__(self):
        return f'Sub-Interpreter <#{self.intno}>'

    def __del__(self):
        if getattr(self, 'intno', None) is not None:
            try:
                self.close()
            except Exception:
                pass


class Interpreter(BaseInterpreter):
    """A sub-interpreter with threading.Thread's shape: Interpreter(target=f, args=(...)).start()
    runs f there on a thread of its own; join() waits for it; result() is what f returned."""

    def __init__(self, target=None, args=(), kwargs=None):
        super().__init__()
        self.target = target
        self._args = args
        self._kwargs = kwargs or {}
        self.exception = None
        self._done = threading.Event()
        self._result = None

    def start(self):
        super().start()
        if self.target:
            self.run_in_thread(self.target, *self._args, **self._kwargs)
        return self

    def execute(self, func, args=(), kwargs=None):
        """Calls func in the interpreter on this thread; done() and result() tell how it went."""
        self._done.clear()
        self.exception = None
        self._result = None
        try:
            self._result = self._call(func, args, kwargs or {})
        except BaseException as error:
            self.exception = error
            raise
        finally:
            self._done.set()

    def run(self, func, *args, **kwargs):
        """Calls func in the interpreter and returns its result."""
        self.execute(func, args, kwargs)
        return self.result()

    def run_in_thread(self, func, *args, **kwargs):
        """Calls func in the interpreter on a new thread; poll done(), then take result()."""
        self._ensure_started()
        self._done.clear()

        def call():
            try:
                self.execute(func, args, kwargs)
            except BaseException:
                pass   # kept in .exception; result() reports it
        self.thread = threading.Thread(target=call, name=f'extrainterpreters-{self.id}')
        self.thread.start()
        return True

    def done(self):
        return self._done.is_set()

    def is_alive(self):
        """Whether a call started by start() or run_in_thread() is still running."""
        return self.thread is not None and self.thread.is_alive()

    def result(self):
        if not self.done():
            raise ValueError('Task not completed in subinterpreter')
        if self.exception is not None:
            raise ValueError('An exception ocurred in the subinterpreter. Check the `.exception` attribute')
        return self._result

    def join(self, timeout=None):
        """Waits until the call started in a thread has ended, then closes the interpreter."""
        thread = self.thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                return
        self.close()


SimpleInterpreter = Interpreter

__all__ = ['Interpreter', 'SimpleInterpreter', 'BaseInterpreter', 'BFSZ', 'ResourceBusyError',
           'get_current', 'list_all', 'raw_list_all', 'running_interpreters']
