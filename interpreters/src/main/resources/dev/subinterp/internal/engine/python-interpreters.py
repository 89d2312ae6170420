# The `interpreters` module (PEP 734, as Python 3.14 ships it as concurrent.interpreters), for GraalPy
# interpreters run by the Java host. Everything is defined inside _install so that the host bridge lives
# only in closures: it is not a global of this module and cannot be imported.

__all__ = [
    'get_current', 'get_main', 'create', 'list_all', 'is_shareable',
    'Interpreter',
    'InterpreterError', 'InterpreterNotFoundError', 'ExecutionFailed',
    'NotShareableError',
    'create_queue', 'Queue', 'QueueEmpty', 'QueueFull',
]


def _install(bridge, support):
    import weakref
    g = globals()

    InterpreterError = support.InterpreterError
    NotShareableError = support.NotShareableError

    class InterpreterNotFoundError(InterpreterError):
        """An interpreter was not found."""

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
            return f'{super().__str__()}\n\nUncaught in the interpreter:\n\n{formatted}'

    class _TypeSnapshot:
        """The exception type's names (the type itself stays in its interpreter)."""

        def __init__(self, name, qualname, module):
            self.__dict__.update(__name__=name, __qualname__=qualname, __module__=module)

        def __repr__(self):
            return f'<exception type {self.__module__}.{self.__qualname__}>'

    class ExcInfo:
        """What crossed of an exception raised in another interpreter: a snapshot, never the object."""
        __slots__ = ('type', 'msg', 'formatted', 'errdisplay')

        def __init__(self, info):
            t = info['type']
            self.type = _TypeSnapshot(t['__name__'], t['__qualname__'], t['__module__'])
            self.msg = info['msg']
            self.formatted = info['formatted']
            self.errdisplay = info['errdisplay']

        def __repr__(self):
            return f'ExcInfo(type={self.type!r}, msg={self.msg!r})'

    errors = {
        'not_found': InterpreterNotFoundError,
        'interp_error': InterpreterError,
        'not_shareable': NotShareableError,
    }

    import sys

    def call(*args):
        # What this interpreter printed so far comes out before what the other one prints.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        status, value = bridge(*args)
        if status == 'ok':
            return value
        if status == 'exec_failed':
            raise ExecutionFailed(ExcInfo(value))
        raise errors[status](value)

    def code_of(function, what):
        """A plain function crosses as its code (marshal bytes), re-created in the target."""
        import marshal
        if not isinstance(function, type(code_of)):
            raise NotShareableError(f'{what} must be a plain function or the name of one, not {type(function).__name__}')
        if function.__closure__:
            raise NotShareableError(f'{function.__qualname__}() uses variables of an enclosing function: '
                                    'its closure cannot cross between interpreters')
        return {'code': marshal.dumps(function.__code__), 'name': function.__name__,
                'defaults': list(function.__defaults__) if function.__defaults__ is not None else None,
                'kwdefaults': function.__kwdefaults__}

    known = weakref.WeakValueDictionary()

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
            self = known.get(id)
            if self is not None:
                return self
            if _whence is None:
                _, _whence, _language = call('info', id)
            self = super().__new__(cls)
            self._id = id
            self._whence = _whence
            self._language = _language
            known[id] = self
            return self

        def __repr__(self):
            return f'{type(self).__name__}({self._id})'

        def __hash__(self):
            return hash(self._id)

        def __eq__(self, other):
            return isinstance(other, Interpreter) and other._id == self._id

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
            return call('is_running', self._id)

        def close(self):
            """Finalize and destroy the interpreter.

            Attempting to destroy the current interpreter results
            in an InterpreterError.
            """
            call('close', self._id)

        def prepare_main(self, ns=None, /, **kwargs):
            """Bind the given values into the interpreter's __main__.

            The values must be shareable.
            """
            namespace = dict(ns, **kwargs) if ns is not None else kwargs
            call('prepare_main', self._id, namespace)

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
            import marshal
            if isinstance(code, str):
                call('exec', self._id, code)
            elif isinstance(code, type(code_of)):
                call('exec', self._id, code_of(code, 'code')['code'])
            elif isinstance(code, type(code_of.__code__)):
                call('exec', self._id, marshal.dumps(code))
            else:
                raise TypeError(f'expected a string, function or code object, got {type(code).__name__}')

        def call(self, callable, /, *args, **kwargs):
            """Call the object in the interpreter with given args/kwargs.

            The callable is the name of a function defined in the interpreter's __main__,
            or a plain function (no closure), which crosses as its code. Arguments and
            the return value must be shareable; tuples arrive as lists.

            If the callable raises an exception then the error display
            (including full traceback) is sent back between the interpreters
            and an ExecutionFailed exception is raised, much like what
            happens with Interpreter.exec().
            """
            target = callable if isinstance(callable, str) else code_of(callable, 'callable')
            return call('call', self._id, target, list(args), kwargs)

        def call_in_thread(self, callable, /, *args, **kwargs):
            """Return a new thread that calls the object in the interpreter.

            The return value and any raised exception are discarded.
            """
            import threading
            target = callable if isinstance(callable, str) else code_of(callable, 'callable')
            thread = threading.Thread(target=call, args=('call', self._id, target, list(args), kwargs))
            thread.start()
            return thread

    def from_info(info):
        id, whence, language = info
        return Interpreter(id, whence, language)

    def create(language=None):
        """Return a new (idle) Python interpreter (or, given language='js', a JavaScript one)."""
        return from_info(call('create', language))

    def list_all():
        """Return all existing interpreters."""
        return [from_info(info) for info in call('list_all')]

    def get_current():
        """Return the currently running interpreter."""
        return from_info(call('current'))

    def get_main():
        """Return the main interpreter: the Java host."""
        return Interpreter(0, 'runtime init', 'java')

    def is_shareable(obj):
        """Return True if the object's data may be shared between interpreters."""
        return call('is_shareable', obj)

    # ---- interpreters.queues --------------------------------------------------------------------------
    queues = type(weakref)('interpreters.queues')
    queues.__doc__ = 'Cross-interpreter Queues high-level module.'

    def create_queue(maxsize=0):
        """Return a new cross-interpreter queue.

        The queue may be used to pass data safely between interpreters.
        """
        return call('create_queue', int(maxsize))

    queues.create = create_queue
    for name in ('Queue', 'QueueError', 'QueueEmpty', 'QueueFull'):
        setattr(queues, name, getattr(support, name))
    queues.__all__ = ['create', 'Queue', 'QueueError', 'QueueEmpty', 'QueueFull']

    # ---- concurrent.futures.InterpreterPoolExecutor ---------------------------------------------------
    executor = type(weakref)('concurrent.futures.interpreter')
    executor.__doc__ = 'Implements InterpreterPoolExecutor: a thread pool with one interpreter per worker.'

    def make_executor_class():
        import threading
        from concurrent.futures.thread import ThreadPoolExecutor

        class InterpreterPoolExecutor(ThreadPoolExecutor):
            """An executor whose workers each run in their own interpreter.

            Tasks are functions (crossing as their code) or names of functions the initializer
            defined; arguments and results must be shareable. A task that raises fails with the
            same built-in exception type, chained from ExecutionFailed, or with ExecutionFailed.
            """

            def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
                if initializer is not None and not isinstance(initializer, str):
                    code_of(initializer, 'initializer')   # fail now, not in every worker
                self._interp_initializer = (initializer, tuple(initargs))
                self._interp_local = threading.local()
                self._interp_lock = threading.Lock()
                self._interps = []
                super().__init__(max_workers, thread_name_prefix or 'InterpreterPoolExecutor')

            def _worker_interpreter(self):
                interp = getattr(self._interp_local, 'interp', None)
                if interp is None:
                    interp = create()
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
                    code_of(fn, 'fn')
                return super().submit(self._run, fn, args, kwargs)

            submit.__doc__ = ThreadPoolExecutor.submit.__doc__

            def shutdown(self, wait=True, *, cancel_futures=False):
                super().shutdown(wait, cancel_futures=cancel_futures)
                if wait:
                    with self._interp_lock:
                        interps, self._interps = self._interps, []
                    for interp in interps:
                        try:
                            interp.close()
                        except InterpreterError:
                            pass

        return InterpreterPoolExecutor

    def _builtin_exception(excinfo):
        import builtins
        kind = getattr(builtins, excinfo.type.__name__, None) if excinfo.type.__module__ == 'builtins' else None
        if isinstance(kind, type) and issubclass(kind, BaseException):
            try:
                return kind(excinfo.msg)
            except Exception:
                return None
        return None

    def executor_getattr(name):
        if name == 'InterpreterPoolExecutor':
            cls = make_executor_class()
            executor.InterpreterPoolExecutor = cls
            return cls
        raise AttributeError(f"module 'concurrent.futures.interpreter' has no attribute {name!r}")

    executor.__getattr__ = executor_getattr
    executor.ExecutionFailed = ExecutionFailed

    # Public names, not _install.<locals>.X: tracebacks read well and pickle finds the classes.
    for cls in (InterpreterNotFoundError, ExecutionFailed, ExcInfo, Interpreter):
        cls.__module__, cls.__qualname__ = 'interpreters', cls.__name__
    for cls in (InterpreterError, NotShareableError):
        cls.__module__ = 'interpreters'
    for cls in (support.Queue, support.QueueError, support.QueueEmpty, support.QueueFull):
        cls.__module__ = 'interpreters.queues'

    g.update({
        'InterpreterError': InterpreterError, 'InterpreterNotFoundError': InterpreterNotFoundError,
        'ExecutionFailed': ExecutionFailed, 'NotShareableError': NotShareableError,
        'Interpreter': Interpreter, 'create': create, 'list_all': list_all, 'get_current': get_current,
        'get_main': get_main, 'is_shareable': is_shareable, 'create_queue': create_queue,
        'Queue': support.Queue, 'QueueEmpty': support.QueueEmpty, 'QueueFull': support.QueueFull,
        'queues': queues,
    })
    return queues, executor
