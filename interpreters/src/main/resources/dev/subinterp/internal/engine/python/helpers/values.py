# Values crossing between the host and this interpreter: the host builds the guest's own values (not
# proxies) through these, and runs code another interpreter sent.
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


_warned_shared_buffer = False


def shared_buffer_copy(data, id, size):
    """A shared buffer in Python: GraalPy 25.0 cannot map the host's memory, so a copy, said once."""
    global _warned_shared_buffer
    if not _warned_shared_buffer:
        _warned_shared_buffer = True
        import sys
        print(f'subinterp: warning: shared buffer {id} ({size} bytes) arrives in Python as a copy: GraalPy 25.0 cannot '
              'map host memory, so writes here stay here and writes elsewhere are not seen', file=sys.stderr)
    return bytearray(data)


def new_map():
    return {}


def new_list():
    return []


def put(container, key, value):
    container[key] = value


def append(container, value):
    container.append(value)


# ---- code from another interpreter: a plain function crosses as its code (marshal bytes) ------------

def exec_code(code):
    import marshal
    import __main__
    exec(marshal.loads(code), __main__.__dict__)


def function_from_code(spec):
    """The callable a spec of interpreters._crossinterp.callable_spec() names, made again here."""
    import __main__
    if 'module' in spec:
        import importlib
        found = importlib.import_module(spec['module'])
        for part in spec['qualname'].split('.'):
            found = getattr(found, part)
        return found
    import marshal
    for name, module in (spec.get('imports') or {}).items():
        if name not in __main__.__dict__:
            import importlib
            __main__.__dict__[name] = importlib.import_module(module)
    function = type(exec_code)(marshal.loads(spec['code']), __main__.__dict__, spec['name'],
                               tuple(spec['defaults']) if spec['defaults'] is not None else None)
    function.__kwdefaults__ = spec['kwdefaults']
    return function


def invoke(function, args, kwargs):
    if function in (exec, eval) and len(args) == 1 and not kwargs:
        import __main__
        args = [args[0], __main__.__dict__]   # builtins run in the target's __main__, as in CPython
    return function(*args, **kwargs)
