"""CPython's side of `runner bench transforms`: parse, transform and print the 1,000-line Python file.

Same shapes as ours: no transform (parse + unparse), the swap_add_sub transform file, a JSON round trip
(the JSON form our Java transforms see, converted with the same helper), and compile at the end as our
Python chain does. Prints one JSON object; warm medians in milliseconds.
"""
import ast
import json
import os
import statistics
import sys
import time

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
SOURCE = open(os.path.join(ROOT, 'test-fixtures', 'bench', 'thousand_lines.py')).read()
helpers = {}
exec(compile(open(os.path.join(ROOT, 'interpreters', 'src', 'main', 'resources', 'dev', 'subinterp', 'internal', 'transform', 'python-ast.py')).read(),
             'python-ast.py', 'exec'), helpers)
swap = {}
exec(compile(open(os.path.join(ROOT, 'test-fixtures', 'transforms', 'swap_add_sub.py')).read(), 'swap_add_sub.py', 'exec'), swap)


def chain(rewrite):
    tree = rewrite(ast.parse(SOURCE, 'thousand_lines.py'))
    text = ast.unparse(tree)
    compile(tree, 'thousand_lines.py', 'exec')
    return text


def json_round_trip(tree):
    return helpers['from_json'](json.loads(json.dumps(helpers['to_json'](tree))))


def median_ms(work, warmups=20, runs=11):
    for _ in range(warmups):
        work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


print(json.dumps({
    'system': 'CPython %d.%d' % sys.version_info[:2],
    'python': {
        'lines': SOURCE.count('\n'),
        'parse_print_ms': median_ms(lambda: chain(lambda tree: tree)),
        'guest_transform_ms': median_ms(lambda: chain(swap['transform'])),
        'java_json_transform_ms': median_ms(lambda: chain(json_round_trip)),
    },
}))
