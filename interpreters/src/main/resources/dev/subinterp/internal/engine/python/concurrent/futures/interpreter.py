"""Implements InterpreterPoolExecutor."""

# As CPython 3.14's Lib/concurrent/futures/interpreter.py, over the interpreters module: a thread
# pool whose workers each drive their own interpreter. concurrent.futures offers the class (the import
# hook in python/helpers/modules.py teaches it the name), and this file runs on its first use.

import threading
from . import thread as _thread

import interpreters
from interpreters import ExecutionFailed


class InterpreterPoolExecutor(_thread.ThreadPoolExecutor):
    """An executor whose workers each run in their own interpreter.

    Tasks are functions (crossing as their code) or names of functions the initializer
    defined; arguments and results must be shareable. A task that raises fails with the
    same built-in exception type, chained from ExecutionFailed, or with ExecutionFailed.
    """

    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        if initializer is not None and not isinstance(initializer, str):
            interpreters._crossinterp.code_of(initializer, 'initializer')   # fail now, not in every worker
        self._interp_initializer = (initializer, tuple(initargs))
        self._interp_local = threading.local()
        self._interp_lock = threading.Lock()
        self._interps = []
        super().__init__(max_workers, thread_name_prefix or 'InterpreterPoolExecutor')

    def _worker_interpreter(self):
        interp = getattr(self._interp_local, 'interp', None)
        if interp is None:
            interp = interpreters.create()
            with self._interp_lock:
                self._interps.append(interp)
            initializer, initargs = self._interp_initializer
            if initializer is not None:
                interp.call(initializer, *initargs)
            self._interp_local.interp = interp
        return interp

    def _run(self, fn, args, kwargs):
        try:
            return self._worker_interpreter().call(fn, *args, **kwargs)
        except ExecutionFailed as failed:
            original = _builtin_exception(failed.excinfo)
            if original is None:
                raise
            raise original from failed

    def submit(self, fn, /, *args, **kwargs):
        if not isinstance(fn, str):
            interpreters._crossinterp.callable_spec(fn, 'fn')
        return super().submit(self._run, fn, args, kwargs)

    submit.__doc__ = _thread.ThreadPoolExecutor.submit.__doc__

    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait, cancel_futures=cancel_futures)
        if wait:
            with self._interp_lock:
                interps, self._interps = self._interps, []
            for interp in interps:
                try:
                    interp.close()
                except interpreters.InterpreterError:
                    pass


def _builtin_exception(excinfo):
    """A new exception of the task's built-in type and message, if it was one (ValueError, KeyError...)."""
    import builtins
    kind = getattr(builtins, excinfo.type.__name__, None) if excinfo.type.__module__ == 'builtins' else None
    if isinstance(kind, type) and issubclass(kind, BaseException):
        try:
            return kind(excinfo.msg)
        except Exception:
            return None
    return None
