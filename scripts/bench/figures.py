"""Shared by CPython's side of make bench: figures as JSON lines, the format of bench/'s Figure.

{"metric": ..., "side": "cpython", "system": "CPython 3.13 ...", "param": "16", "value": 1.5, "unit": "us"};
a line with "skipped" instead of "value" says why a system has no figures.
"""
import json
import sys

VERSION = "%d.%d" % sys.version_info[:2]


def system(name=""):
    return f"CPython {VERSION} {name}".strip()


def emit(metric, system_name, value, unit, param=None):
    line = {"metric": metric, "side": "cpython", "system": system_name}
    if param is not None:
        line["param"] = str(param)
    line.update(value=value, unit=unit)
    print(json.dumps(line), flush=True)


def skip(system_name, why):
    print(json.dumps({"side": "cpython", "system": system_name, "skipped": why}), flush=True)


def subinterpreters():
    """(interpreters module, create_queue, the import a subinterpreter needs before a queue crosses into
    it) for CPython 3.14's concurrent.interpreters or 3.13's test.support.interpreters; None before 3.13."""
    try:
        from concurrent import interpreters
        return interpreters, interpreters.create_queue, "pass"
    except ImportError:
        pass
    try:
        from test.support import interpreters
        from test.support.interpreters import queues
        return interpreters, queues.create, "from test.support.interpreters import queues"
    except ImportError:
        return None
