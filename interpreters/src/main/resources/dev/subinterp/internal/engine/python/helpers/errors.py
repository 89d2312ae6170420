# Describing an uncaught exception for the host (GuestBridge.describe), which makes the ExcInfo record
# of it field by field.

# The helpers' sources are named <subinterp-helpers/...>: their frames (exec_code running compiled code,
# a queue's wait) are not the guest's, and tracebacks leave them out.
_HELPER_SOURCES = '<subinterp-helpers'


def describe(exc, sources):
    """A dict with the named fields of an uncaught exception: type, message, formatted, traceback,
    source_name, line, column, qualname and module (of its type)."""
    import linecache
    import traceback
    for name, text in sources.items():
        linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    kind = type(exc)
    try:
        message = str(exc)
    except BaseException:
        message = '<str() of the exception failed>'
    only = traceback.format_exception_only(kind, exc)
    formatted = only[-1].strip() if only else kind.__name__
    described = traceback.TracebackException(kind, exc, exc.__traceback__)
    frames = [frame for frame in described.stack if not frame.filename.startswith(_HELPER_SOURCES)]
    described.stack = traceback.StackSummary.from_list(frames)
    display = ''.join(described.format())
    name, line, column = None, 0, 0
    if isinstance(exc, SyntaxError):
        name, line, column = exc.filename, exc.lineno or 0, exc.offset or 0
    elif frames:
        last = frames[-1]
        colno = getattr(last, 'colno', None)
        name, line, column = last.filename, last.lineno or 0, (colno + 1) if colno is not None else 0
    return {'type': kind.__name__, 'message': message, 'formatted': formatted, 'traceback': display,
            'source_name': name, 'line': line, 'column': column,
            'qualname': kind.__qualname__, 'module': kind.__module__}
