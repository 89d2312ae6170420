"""The built-in Python transforms. Runs after python-ast.py, in the same namespace.

A checking transform raises Refused with every problem it found (line, column, message), so that a
user sees them all at once. A rewriting transform inserts a prelude after the docstring and the
__future__ imports; inserted nodes carry the position of the code they guard, so that the lines of
the user's code do not move.
"""


class Refused(Exception):
    def __init__(self, problems):
        super().__init__(f'{len(problems)} problem(s)')
        self.problems = sorted(set(problems))


def _problem(node, message):
    return node.lineno, node.col_offset + 1, message


def _refuse_reserved(tree, transform_name, reserved):
    """A rewriting transform binds reserved names in the program's globals; the program may not use them itself."""
    problems = [_problem(node, f"the name '{node.id}' is reserved for the {transform_name} transform")
                for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id in reserved and not _inserted(node)]
    if problems:
        raise Refused(problems)


def _mark(statements):
    """Marks code a transform inserted, so that the transforms after it in a chain leave it alone."""
    for statement in statements:
        for node in ast.walk(statement):
            if not isinstance(node, ast.expr_context):   # Load/Store may be singletons shared with the user's code
                setattr(node, INSERTED, True)
    return statements


def _inserted(node):
    return getattr(node, INSERTED, False)


def _is_docstring(statement):
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str)


def _after_docstring(body):
    """Where code may be inserted at the start of a body without turning its docstring into a plain expression."""
    return 1 if body and _is_docstring(body[0]) else 0


# Tracebacks leave out frames of code with this file name (the host's helpers use it too).
HIDDEN_FILENAME = '<subinterp-helpers>'


def _insert_prelude(tree, source):
    """Puts the statements of source after the docstring and the __future__ imports, positioned at line 1."""
    prelude = ast.parse(source).body
    for statement in prelude:
        for node in ast.walk(statement):
            if 'lineno' in node._attributes:
                node.lineno, node.col_offset, node.end_lineno, node.end_col_offset = 1, 0, 1, 0
    body = tree.body
    at = _after_docstring(body)
    while at < len(body) and isinstance(body[at], ast.ImportFrom) and body[at].module == '__future__':
        at += 1
    tree.body[at:at] = _mark(prelude)
    return at + len(prelude)


def _at(node, template):
    """The statements of template, each carrying node's position."""
    statements = ast.parse(template).body
    for statement in statements:
        for inner in ast.walk(statement):
            if 'lineno' in inner._attributes:
                ast.copy_location(inner, node)
    return _mark(statements)


# --- import allow-list --------------------------------------------------------------------------

DEFAULT_ALLOWED_IMPORTS = (
    '__future__', 'abc', 'array', 'base64', 'binascii', 'bisect', 'calendar', 'cmath', 'collections', 'colorsys',
    'contextlib', 'copy', 'csv', 'dataclasses', 'datetime', 'decimal', 'difflib', 'enum', 'fractions', 'functools',
    'graphlib', 'hashlib', 'heapq', 'hmac', 'html', 'itertools', 'json', 'keyword', 'math', 'numbers', 'operator',
    'pprint', 'random', 're', 'secrets', 'statistics', 'string', 'struct', 'textwrap', 'time', 'types', 'typing',
    'unicodedata', 'uuid', 'zlib',
)
DYNAMIC_IMPORTERS = ('__import__', 'exec', 'eval', 'compile')


def import_allowlist(allow=DEFAULT_ALLOWED_IMPORTS, packages=()):
    """Refuses every import of a module outside allow (a module is allowed when it or a package above it is
    listed), relative imports, and the names that import or run code dynamically (__import__, exec, eval,
    compile), which would bypass the list. packages: the installed packages' top-level names, allowed too."""
    allowed = set(allow) | set(packages) | {'__future__'}   # compiler directives, not modules

    def ok(module):
        parts = module.split('.')
        return any('.'.join(parts[:i]) in allowed for i in range(1, len(parts) + 1))

    def transform(tree):
        problems = []
        for node in ast.walk(tree):
            if _inserted(node):
                continue
            if isinstance(node, ast.Import):
                for alias in node.names:
                    top = alias.name.split('.')[0]
                    if not ok(alias.name):
                        problems.append(_problem(node, f"import of '{alias.name}' is not allowed"))
                    elif alias.asname is None and not ok(top):
                        problems.append(_problem(node, f"'import {alias.name}' binds '{top}', which is not allowed;"
                                                       f" write 'import {alias.name} as NAME'"))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    problems.append(_problem(node, 'relative imports are not allowed'))
                elif not ok(node.module):
                    problems.append(_problem(node, f"import from '{node.module}' is not allowed"))
            elif isinstance(node, ast.Name) and (node.id in DYNAMIC_IMPORTERS or node.id == '__builtins__'):
                problems.append(_problem(node, f"'{node.id}' can import any module and is not allowed with an import allow-list"))
            elif isinstance(node, ast.Attribute) and node.attr == '__import__':
                problems.append(_problem(node, "'__import__' can import any module and is not allowed with an import allow-list"))
        if problems:
            raise Refused(problems)
        return tree

    return transform


# --- dunder guard -------------------------------------------------------------------------------

# Dunder attributes ordinary code needs; every other __name__ attribute is refused.
HARMLESS_DUNDERS = ('__init__', '__name__', '__doc__', '__qualname__', '__module__', '__version__', '__all__',
                    '__enter__', '__exit__', '__iter__', '__next__', '__len__', '__str__', '__repr__', '__eq__',
                    '__hash__', '__lt__', '__le__', '__gt__', '__ge__', '__ne__', '__contains__', '__getitem__',
                    '__setitem__', '__delitem__', '__call__', '__add__', '__sub__', '__mul__', '__post_init__')
# Attributes of frames, code, generators and tracebacks that reach other scopes' variables.
FRAME_ATTRIBUTES = ('f_globals', 'f_locals', 'f_builtins', 'f_back', 'f_code', 'gi_frame', 'gi_code', 'cr_frame',
                    'cr_code', 'ag_frame', 'ag_code', 'tb_frame', 'tb_next', 'co_code', 'co_consts')
# Names that reach the builtins, the import machinery or a scope's variables by name.
GUARDED_NAMES = ('__builtins__', '__import__', '__loader__', '__spec__', 'globals', 'locals', 'vars', 'breakpoint')
ATTRIBUTE_FUNCTIONS = ('getattr', 'setattr', 'delattr', 'hasattr')
# Functions that fetch attributes by a name given as data.
ATTRIBUTE_FETCHERS = ('attrgetter', 'methodcaller')


def _attribute_problem(node, message):
    """Points at the attribute's name (in a.b.__class__, at __class__), not at the start of the expression."""
    if getattr(node, 'end_lineno', None) == node.lineno and node.end_col_offset is not None:
        return node.lineno, node.end_col_offset - len(node.attr) + 1, message
    return _problem(node, message)


def _dangerous_attribute(name):
    dunder = name.startswith('__') and name.endswith('__') and len(name) > 4
    return (dunder and name not in HARMLESS_DUNDERS) or name in FRAME_ATTRIBUTES


def dunder_guard():
    """Refuses (RestrictedPython-style, at parse time) access to dunder attributes such as __class__,
    __subclasses__, __globals__, __builtins__, to frame and code internals, to globals()/locals()/vars(),
    getattr and friends with a name that is dangerous or not a literal (or used other than by a direct
    call), operator.attrgetter/methodcaller, match class patterns naming such attributes, and str.format
    templates that reach attributes with '__'."""

    def transform(tree):
        problems = []
        called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
        for node in ast.walk(tree):
            if _inserted(node):
                continue
            if isinstance(node, ast.Name) and node.id in ATTRIBUTE_FUNCTIONS and id(node) not in called:
                problems.append(_problem(node, f"'{node.id}' may only be called directly (with a string literal name)"))
            elif isinstance(node, ast.Attribute) and node.attr in ATTRIBUTE_FUNCTIONS:
                problems.append(_attribute_problem(node, f"'{node.attr}' may only be called directly by its plain name"))
            elif isinstance(node, ast.alias) and node.name.split('.')[-1] in ATTRIBUTE_FUNCTIONS:
                problems.append(_problem(node, f"importing '{node.name}' is not allowed; call it by its plain name"))
            elif isinstance(node, (ast.Name, ast.Attribute)) and (node.id if isinstance(node, ast.Name) else node.attr) in ATTRIBUTE_FETCHERS:
                name = node.id if isinstance(node, ast.Name) else node.attr
                problems.append(_problem(node, f"'{name}' fetches attributes by name and is not allowed"))
            elif isinstance(node, ast.alias) and node.name.split('.')[-1] in ATTRIBUTE_FETCHERS:
                problems.append(_problem(node, f"'{node.name}' fetches attributes by name and is not allowed"))
            elif isinstance(node, ast.MatchClass):
                for name in node.kwd_attrs:
                    if _dangerous_attribute(name):
                        problems.append(_problem(node, f"a class pattern on the attribute '{name}' is not allowed"))
            if isinstance(node, ast.Attribute) and _dangerous_attribute(node.attr):
                problems.append(_attribute_problem(node, f"access to the attribute '{node.attr}' is not allowed"))
            elif isinstance(node, ast.Name) and node.id in GUARDED_NAMES:
                problems.append(_problem(node, f"the name '{node.id}' is not allowed"))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ATTRIBUTE_FUNCTIONS:
                name = node.args[1] if len(node.args) > 1 else None
                if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
                    problems.append(_problem(node, f"{node.func.id}() with an attribute name that is not a string literal is not allowed"))
                elif _dangerous_attribute(name.value) or name.value in ATTRIBUTE_FUNCTIONS + ATTRIBUTE_FETCHERS:
                    problems.append(_problem(node, f"{node.func.id}() of the attribute '{name.value}' is not allowed"))
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ('format', 'format_map')
                  and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)
                  and '__' in node.func.value.value):
                problems.append(_problem(node, "a format template that names '__' attributes is not allowed"))
        if problems:
            raise Refused(problems)
        return tree

    return transform


# --- loop budget --------------------------------------------------------------------------------

# The helper functions a prelude defines are compiled under HIDDEN_FILENAME, so that tracebacks leave
# their frames out: an error raised inside them points at the user's line that called them.
_LOOP_BUDGET_PRELUDE = '''
class LoopBudgetExceeded(BaseException):
    """Not an Exception: 'except Exception' in the program does not swallow it."""
class __loop_budget__:
    count = 0
    exceeded = LoopBudgetExceeded
del LoopBudgetExceeded
exec(compile({helper!r}, {hidden!r}, 'exec'), globals())
'''
_LOOP_BUDGET_HELPER = '''
def tick():
    __loop_budget__.count += 1
    if __loop_budget__.count > {limit}:
        raise __loop_budget__.exceeded('the loop budget of {limit} loop iterations and function calls is spent')
    return True
__loop_budget__.tick = tick
del tick
'''
_LOOP_BUDGET_TICK = '''
__loop_budget__.count += 1
if __loop_budget__.count > {limit}:
    raise __loop_budget__.exceeded('the loop budget of {limit} loop iterations and function calls is spent')
'''


def loop_budget(limit=1_000_000):
    """Counts every loop iteration (for, while, comprehensions) and function entry; past limit the program
    gets LoopBudgetExceeded, a BaseException (so 'except Exception' does not swallow it), raised at the
    loop or function that spent the budget."""
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise ValueError(f'limit must be a whole number >= 0, not {limit!r}')

    class Counter(ast.NodeTransformer):
        def _tick_first(self, node):
            if _inserted(node):
                return node
            self.generic_visit(node)
            at = _after_docstring(node.body) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else 0
            node.body[at:at] = _at(node, _LOOP_BUDGET_TICK.format(limit=limit))
            return node

        visit_For = visit_AsyncFor = visit_While = visit_FunctionDef = visit_AsyncFunctionDef = _tick_first

        def visit_comprehension(self, node):
            if _inserted(node):
                return node
            self.generic_visit(node)
            tick = ast.Call(ast.Attribute(ast.Name('__loop_budget__', ast.Load()), 'tick', ast.Load()), [], [])
            node.ifs.insert(0, ast.copy_location(tick, node.target))
            _mark([tick])
            return node

        def visit_Lambda(self, node):
            if _inserted(node):
                return node
            self.generic_visit(node)
            tick = ast.Call(ast.Attribute(ast.Name('__loop_budget__', ast.Load()), 'tick', ast.Load()), [], [])
            ast.copy_location(tick, node.body)
            _mark([tick])
            node.body = ast.copy_location(ast.BoolOp(ast.And(), [tick, node.body]), node.body)
            return node

    def transform(tree):
        _refuse_reserved(tree, 'loop-budget', ('__loop_budget__',))
        tree = Counter().visit(tree)
        helper = _LOOP_BUDGET_HELPER.format(limit=limit)
        _insert_prelude(tree, _LOOP_BUDGET_PRELUDE.format(helper=helper, hidden=HIDDEN_FILENAME))
        return tree

    return transform


# --- coverage and call tracing ------------------------------------------------------------------

_COVERAGE_PRELUDE = '''
__coverage__ = {{'file': {file!r}, 'lines': {{line: 0 for line in {lines!r}}}, 'calls': {{}}}}
def __coverage_hit__(line, _lines=__coverage__['lines']):
    _lines[line] += 1
def __coverage_call__(name, _calls=__coverage__['calls']):
    _calls[name] = _calls.get(name, 0) + 1
'''


def coverage():
    """Counts how often each statement line runs and each function is called. After the run, the program's
    __coverage__ holds {"file", "lines": {"LINE": hits, ...}, "calls": {"QUALNAME": calls, ...}}: lines
    that never ran are listed with 0."""

    class Tracer(ast.NodeTransformer):
        def __init__(self):
            self.lines = set()
            self.scope = []

        def _hits(self, statements, docstring_allowed):
            out = []
            for index, statement in enumerate(statements):
                if (_inserted(statement) or isinstance(statement, ast.ImportFrom) and statement.module == '__future__'
                        or index == 0 and docstring_allowed and _is_docstring(statement)):
                    out.append(statement)
                    continue
                line = str(statement.lineno)
                self.lines.add(line)
                out.extend(_at(statement, f'__coverage_hit__({line!r})'))
                out.append(statement)
            return out

        def generic_visit(self, node):
            if _inserted(node):
                return node
            super().generic_visit(node)
            for field in ('body', 'orelse', 'finalbody'):
                statements = getattr(node, field, None)
                if isinstance(statements, list) and statements and isinstance(statements[0], ast.stmt):
                    docstring_allowed = field == 'body' and isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                    setattr(node, field, self._hits(statements, docstring_allowed))
            return node

        def _function(self, node):
            if _inserted(node):
                return node
            self.scope.append(node.name)
            self.generic_visit(node)
            self.scope.pop()
            qualname = '.'.join(self.scope + [node.name])
            at = _after_docstring(node.body)
            node.body[at:at] = _at(node, f'__coverage_call__({qualname!r})')
            return node

        def visit_ClassDef(self, node):
            self.scope.append(node.name)
            self.generic_visit(node)
            self.scope.pop()
            return node

        visit_FunctionDef = visit_AsyncFunctionDef = _function

    def transform(tree):
        _refuse_reserved(tree, 'coverage', ('__coverage__', '__coverage_hit__', '__coverage_call__'))
        tracer = Tracer()
        tree = tracer.visit(tree)
        lines = sorted(tracer.lines, key=int)
        _insert_prelude(tree, _COVERAGE_PRELUDE.format(file=_state['filename'], lines=lines))
        return tree

    return transform


# --- print capture ------------------------------------------------------------------------------

_PRINT_CAPTURE_PRELUDE = '''
__printed__ = []
exec(compile({helper!r}, {hidden!r}, 'exec'), globals())
'''
_PRINT_CAPTURE_HELPER = '''
def __print_capture__(*args, sep=' ', end='\\n', file=None, flush=False, _open=[False], _print=print):
    if file is not None:
        return _print(*args, sep=sep, end=end, file=file, flush=flush)
    text = (' ' if sep is None else sep).join(map(str, args)) + ('\\n' if end is None else end)
    lines = text.split('\\n')
    if _open[0] and __printed__:
        __printed__[-1] += lines.pop(0)
    _open[0] = lines[-1] != ''
    __printed__.extend(lines if _open[0] else lines[:-1])
'''


def print_capture():
    """Sends what print() writes to standard output into the list __printed__ instead, one entry per line
    (print(..., file=f) still writes to f). A program that defines its own 'print' is left alone."""

    def transform(tree):
        _refuse_reserved(tree, 'print-capture', ('__printed__', '__print_capture__'))
        rebinds = any(isinstance(node, ast.Name) and node.id == 'print' and not isinstance(node.ctx, ast.Load)
                      or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == 'print'
                      or isinstance(node, ast.alias) and (node.asname or node.name) == 'print'
                      or isinstance(node, ast.arg) and node.arg == 'print'
                      or isinstance(node, ast.ExceptHandler) and node.name == 'print'
                      or isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name == 'print'
                      or isinstance(node, ast.MatchMapping) and node.rest == 'print'
                      for node in ast.walk(tree))
        if not rebinds:
            for node in ast.walk(tree):
                if isinstance(node, ast.Name) and node.id == 'print' and not _inserted(node):
                    node.id = '__print_capture__'
                    setattr(node, INSERTED, True)
        _insert_prelude(tree, _PRINT_CAPTURE_PRELUDE.format(helper=_PRINT_CAPTURE_HELPER, hidden=HIDDEN_FILENAME))
        return tree

    return transform


BUILTINS = {
    'import-allowlist': import_allowlist,
    'dunder-guard': dunder_guard,
    'loop-budget': loop_budget,
    'coverage': coverage,
    'print-capture': print_capture,
}
