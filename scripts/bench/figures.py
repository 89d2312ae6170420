"""Shared by CPython's side of make bench: figures as JSON lines, the format of bench/'s Figure.

{"metric": ..., "side": "cpython", "system": "CPython 3.13 ...", "param": "16", "value": 1.5, "unit": "us"};
a line with "skipped" instead of "value" says why a system has no figures.
"""
import collections
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


Subinterpreters = collections.namedtuple("Subinterpreters", "module create_queue queue_import")


def subinterpreters():
    """CPython 3.14's concurrent.interpreters or 3.13's test.support.interpreters, with the function that
    creates a queue and the import a subinterpreter needs before a queue can cross into it; None before 3.13."""
    try:
        from concurrent import interpreters
        return Subinterpreters(interpreters, interpreters.create_queue, "pass")
    except ImportError:
        pass
    try:
        from test.support import interpreters
        from test.support.interpreters import queues
        return Subinterpreters(interpreters, queues.create, "from test.support.interpreters import queues")
    except ImportError:
        return None


def run(with_subinterpreters, with_processes=None):
    """Runs a script's parts: with_subinterpreters(Subinterpreters) where CPython has them (else a skip
    line saying so), then with_processes() if given."""
    found = subinterpreters()
    if found is None:
        skip(system("subinterpreters"), "needs CPython 3.13+ (test.support.interpreters)")
    else:
        with_subinterpreters(found)
    if with_processes is not None:
        with_processes()
