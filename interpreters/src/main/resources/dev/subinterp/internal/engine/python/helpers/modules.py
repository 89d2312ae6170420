# The interpreters module (PEP 734) and concurrent.futures.InterpreterPoolExecutor: an import hook that
# runs the files of python/interpreters/ and python/concurrent/ (laid out as CPython 3.14's
# Lib/concurrent/interpreters/ and Lib/concurrent/futures/interpreter.py) as ordinary modules, each on
# its first import.
#
# Those files reach the host through _interpreters and _interpqueues, the low-level modules that are
# written in C in CPython. Here they are made below, and the loader puts them into each module's
# namespace before its file runs: as if the file had imported them, but they cannot be imported. The
# interpreter's bridge to the host (its GuestModule) lives only in the closures of _interpreters'
# functions: never in a module's globals, in sys.modules, or in the import hook's objects. Like the
# module, those functions can do only what the host allows any guest.


def install_interpreters(bridge, files):
    """Makes `import interpreters`, `from concurrent import interpreters`, `interpreters.queues`,
    `interpreters.channels`, `concurrent.futures.InterpreterPoolExecutor` and `extrainterpreters` work. `files`: [path, text] of each module file."""
    import sys
    spec_type = type(sys.__spec__)
    sources = {path: text for path, text in files}
    # The modules and their files. interpreters.queues keeps PEP 734's name; CPython 3.14 calls it _queues.
    modules = {
        'interpreters': 'interpreters/__init__.py',
        'interpreters._crossinterp': 'interpreters/_crossinterp.py',
        'interpreters.queues': 'interpreters/_queues.py',
        'interpreters.channels': 'interpreters/_channels.py',
        'concurrent.futures.interpreter': 'concurrent/futures/interpreter.py',
        'extrainterpreters': 'extrainterpreters/__init__.py',   # the thread-like API of CPython 3.12's days
    }
    packages = ('interpreters',)
    aliases = {
        'concurrent.interpreters': 'interpreters',
        'concurrent.interpreters._crossinterp': 'interpreters._crossinterp',
        'concurrent.interpreters.queues': 'interpreters.queues',
        'concurrent.interpreters._queues': 'interpreters.queues',
        'interpreters._queues': 'interpreters.queues',
        'interpreters._channels': 'interpreters.channels',
        'concurrent.interpreters.channels': 'interpreters.channels',
    }
    low_level = {'_interpreters': _interpreters_module(bridge)}
    loaded = {}   # module name -> the module: every alias, and any later import, gets this one

    class Loader:
        """Runs a module's file in it, once; an alias gets the module its name stands for."""

        def __init__(self, name):
            self.name = name

        def create_module(self, spec):
            name = aliases.get(self.name)
            if name is None:
                return loaded.get(self.name)   # None the first time: the import system makes a module
            if name not in loaded:
                __import__(name)
            return loaded[name]

        def exec_module(self, module):
            if self.name in aliases or loaded.get(self.name) is module:
                return
            if '_interpqueues' not in low_level:
                low_level['_interpqueues'] = _interpqueues_module()
                low_level['_interpchannels'] = _interpchannels_module()
            path = modules[self.name]
            namespace = module.__dict__
            namespace.update(low_level)
            exec(compile(sources[path], f'<{path}>', 'exec'), namespace)
            loaded[self.name] = module

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
            if name in modules or name in aliases:
                return spec_type(name, Loader(name), is_package=aliases.get(name, name) in packages)
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


def _interpreters_module(bridge):
    """CPython's C module _interpreters, for this host: a function for each operation of the module,
    which asks it of the host through `bridge` (GuestModule) and returns its answer or raises."""
    import sys
    module = type(sys)('_interpreters', 'Low-level interpreters: the Java host (GuestModule) behind the interpreters module.')

    class InterpreterNotFoundError(InterpreterError):
        """An interpreter was not found"""

    errors = {
        Status.NOT_FOUND: InterpreterNotFoundError,
        Status.INTERP_ERROR: InterpreterError,
        Status.NOT_SHAREABLE: NotShareableError,
    }

    def asking(operation):
        def ask(*args):
            # What this interpreter printed so far comes out before what the other one prints.
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:
                    pass
            status, value = bridge(operation, *args)
            if status == Status.OK:
                return value
            raise errors[status](value)
        return ask

    def _register_exec_failed(make):
        """Takes how to make the exception raised for an uncaught one in the other interpreter from its
        excinfo (CPython's exec() and call() return the excinfo instead, and the module raises)."""
        errors[Status.EXEC_FAILED] = make

    module.InterpreterError = InterpreterError
    module.InterpreterNotFoundError = InterpreterNotFoundError
    module.NotShareableError = NotShareableError
    module.create = asking(Operation.CREATE)
    module.list_all = asking(Operation.LIST_ALL)
    module.get_current = asking(Operation.GET_CURRENT)
    module.info = asking(Operation.INFO)
    module.is_running = asking(Operation.IS_RUNNING)
    module.destroy = asking(Operation.DESTROY)
    module.prepare_main = asking(Operation.PREPARE_MAIN)
    module.exec = asking(Operation.EXEC)
    module.call = asking(Operation.CALL)
    module.create_queue = asking(Operation.CREATE_QUEUE)
    module.create_channel = asking(Operation.CREATE_CHANNEL)
    module.list_channels = asking(Operation.LIST_CHANNELS)
    module.queue_by_id = asking(Operation.QUEUE_BY_ID)
    module.channel_by_id = asking(Operation.CHANNEL_BY_ID)

    def finder(find, not_found):
        def by_id(id):
            if not isinstance(id, int):
                raise TypeError(f'id must be an int, got {id!r}')
            try:
                return find(id)
            except InterpreterNotFoundError as e:
                raise not_found(str(e)) from None
        return by_id
    _FINDERS['queue'] = finder(module.queue_by_id, QueueNotFoundError)
    _FINDERS['channel'] = finder(module.channel_by_id, ChannelNotFoundError)
    module.is_shareable = asking(Operation.IS_SHAREABLE)
    module._register_exec_failed = _register_exec_failed
    return module


def _interpqueues_module():
    """CPython's C module _interpqueues, for this host: the queue classes above, which every interpreter
    has (a queue may cross into one that never imports the interpreters module)."""
    import sys
    _define_queue_errors()
    module = type(sys)('_interpqueues', 'Low-level queues: the classes around the Java host\'s queues.')
    module.Queue = Queue
    module.QueueError = QueueError
    module.QueueEmpty = QueueEmpty
    module.QueueFull = QueueFull
    module.QueueNotFoundError = QueueNotFoundError
    return module


def _interpchannels_module():
    """CPython 3.13's C module _interpchannels, for this host: the channel-end classes and errors above,
    which every interpreter has (a channel end may cross into one that never imports the channels module)."""
    import sys
    module = type(sys)('_interpchannels', 'Low-level channels: the classes around the Java host\'s channels.')
    module.RecvChannel = RecvChannel
    module.SendChannel = SendChannel
    for error in (ChannelError, ChannelNotFoundError, ChannelClosedError, ChannelEmptyError, ChannelNotEmptyError):
        setattr(module, error.__name__, error)
    return module
