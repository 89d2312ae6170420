"""What crosses between interpreters besides shareable values: a function, as its code, and an
uncaught exception, as a snapshot (its excinfo)."""

# CPython 3.14's _crossinterp.py holds what queues and channels share; here queues and channels are
# the host's (python/helpers/handles.py), and this module holds what the interpreters module needs to
# send code and to receive an exception.


def code_of(function, what):
    """A plain function crosses as its code (marshal bytes), re-created in the target."""
    import marshal
    if not isinstance(function, type(code_of)):
        raise _interpreters.NotShareableError(
            f'{what} must be a plain function or the name of one, not {type(function).__name__}')
    if function.__closure__:
        raise _interpreters.NotShareableError(f'{function.__qualname__}() uses variables of an enclosing function: '
                                              'its closure cannot cross between interpreters')
    return {'code': marshal.dumps(function.__code__), 'name': function.__name__,
            'defaults': list(function.__defaults__) if function.__defaults__ is not None else None,
            'kwdefaults': function.__kwdefaults__}


def callable_spec(obj, what):
    """What Interpreter.call() sends for its callable, as CPython would find it again in the target:
    a function or builtin of an importable module by reference (it runs in that module, as CPython's
    unpickling does), a plain function of the program as its code (it runs in the target's __main__,
    where the modules it names are imported first), a name as it is."""
    if isinstance(obj, str):
        return obj
    module = getattr(obj, '__module__', None)
    qualname = getattr(obj, '__qualname__', '')
    function = type(code_of)
    if isinstance(obj, function) and module == '__main__':
        spec = code_of(obj, what)
        spec['imports'] = _modules_named(obj.__code__, obj.__globals__)
        return spec
    by_reference = (isinstance(obj, function) or isinstance(obj, type(len)) and _is_module(getattr(obj, '__self__', None)))
    if by_reference and module and module != '__main__' and '<' not in qualname:
        return {'module': module, 'qualname': qualname}
    return code_of(obj, what)   # refuses what cannot cross, with the reason


def _is_module(obj):
    return obj is None or isinstance(obj, type(_interpreters))


def _modules_named(code, names):
    """{global name: module name} for the modules a function's code names from its globals."""
    used, found = set(), {}

    def walk(c):
        used.update(c.co_names)
        for const in c.co_consts:
            if isinstance(const, type(code)):
                walk(const)
    walk(code)
    for name in used:
        value = names.get(name)
        if isinstance(value, type(_interpreters)) and getattr(value, '__name__', None):
            found[name] = value.__name__
    return found


def code_to_exec(code):
    """What Interpreter.exec() sends for code: source text as it is, a function or code object as marshal bytes."""
    if isinstance(code, str):
        return code
    if isinstance(code, type(code_of)):
        return code_of(code, 'code')['code']
    if isinstance(code, type(code_of.__code__)):
        import marshal
        return marshal.dumps(code)
    raise TypeError(f'expected a string, function or code object, got {type(code).__name__}')


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
