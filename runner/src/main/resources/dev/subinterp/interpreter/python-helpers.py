# Helpers the runtime uses inside every Python interpreter. They run in a private namespace, never in
# the user's __main__, and only the host calls them.
import json
import linecache
import traceback


def decode_json(text):
    return json.loads(text)


def big_int(text):
    return int(text)


def bytes_from_latin1(text):
    # One char per byte: the fastest way found to build a bytes object from a Java byte[].
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
    """[type, message, formatted, traceback, source name, line, column] of an uncaught exception."""
    for name, text in sources.items():
        linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    kind = type(exc)
    try:
        message = str(exc)
    except BaseException:
        message = '<str() of the exception failed>'
    only = traceback.format_exception_only(kind, exc)
    formatted = only[-1].strip() if only else kind.__name__
    display = ''.join(traceback.format_exception(kind, exc, exc.__traceback__))
    name, line, column = None, 0, 0
    if isinstance(exc, SyntaxError):
        name, line, column = exc.filename, exc.lineno or 0, exc.offset or 0
    elif exc.__traceback__ is not None:
        last = traceback.extract_tb(exc.__traceback__)[-1]
        colno = getattr(last, 'colno', None)
        name, line, column = last.filename, last.lineno or 0, (colno + 1) if colno is not None else 0
    return [kind.__name__, message, formatted, display, name, line, column]


def flush():
    import sys
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
