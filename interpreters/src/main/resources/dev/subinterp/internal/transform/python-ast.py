"""The tools side of Python source transforms: parse, the JSON form of a tree, transforms, unparse, compile.

Runs in its own interpreter (one per SourceTransform). The host calls the functions named in TOOLS; the
tree being rewritten stays here between steps and crosses only as JSON text or marshalled code bytes.

JSON form: every node is an object {"_type": "BinOp", <its _fields>, <its _attributes: lineno, ...>};
lists stay lists; identifiers, numbers, strings, booleans and None stay as they are. Constant values
JSON cannot hold losslessly are objects with "$const": {"$const": "bytes", "base64": ...},
{"$const": "float", "value": "inf"|"-inf"|"nan"}, {"$const": "complex", "real": R, "imag": I},
{"$const": "Ellipsis"}, {"$const": "tuple"|"frozenset", "items": [...]}. A node a built-in transform
inserted carries "$inserted": true, so that the built-ins after it leave it alone across JSON steps.

Every tree a step makes is printed (ast.unparse), parsed again and compared with itself (verify), so that
the printed program is the tree the checks saw; what runs is that tree, compiled.
"""
import ast
import base64
import json
import marshal
import math
import traceback


INSERTED = '_subinterp_inserted'   # the attribute that marks a node a built-in inserted


class TreeError(Exception):
    """A JSON tree that does not describe an ast tree; names the JSON path."""

    def __init__(self, path, message):
        super().__init__(f'{path}: {message}')


def _const_to_json(value):
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {'$const': 'float', 'value': repr(value)}
    if isinstance(value, complex):
        return {'$const': 'complex', 'real': _const_to_json(value.real), 'imag': _const_to_json(value.imag)}
    if isinstance(value, bytes):
        return {'$const': 'bytes', 'base64': base64.b64encode(value).decode('ascii')}
    if value is Ellipsis:
        return {'$const': 'Ellipsis'}
    if isinstance(value, (tuple, frozenset)):
        return {'$const': type(value).__name__, 'items': [_const_to_json(item) for item in value]}
    raise TypeError(f'a Constant holding {type(value).__name__} has no JSON form')


def _const_from_json(value, path):
    if not isinstance(value, dict):
        if isinstance(value, list):
            raise TreeError(path, 'a Constant value cannot be a list (use {"$const": "tuple", "items": [...]})')
        return value
    kind = value.get('$const')
    try:
        if kind == 'float':
            return float(value['value'])
        if kind == 'complex':
            return complex(_const_from_json(value['real'], path + '.real'), _const_from_json(value['imag'], path + '.imag'))
        if kind == 'bytes':
            return base64.b64decode(value['base64'], validate=True)
        if kind == 'Ellipsis':
            return ...
        if kind in ('tuple', 'frozenset'):
            items = [_const_from_json(item, f'{path}.items[{i}]') for i, item in enumerate(value['items'])]
            return tuple(items) if kind == 'tuple' else frozenset(items)
    except (KeyError, TypeError, ValueError) as e:
        raise TreeError(path, f'a malformed {kind} constant ({e})') from None
    raise TreeError(path, f'unknown constant kind {kind!r} (bytes, float, complex, Ellipsis, tuple, frozenset)')


def to_json(node, positions=True):
    """The JSON form (dicts and lists) of an ast node, a list of nodes, or a plain field value."""
    if isinstance(node, ast.AST):
        out = {'_type': type(node).__name__}
        for field in node._fields:
            value = getattr(node, field, None)
            out[field] = (_const_to_json(value) if field == 'value' and isinstance(node, ast.Constant)
                          else to_json(value, positions))
        if positions:
            for attribute in node._attributes:
                if hasattr(node, attribute):
                    out[attribute] = getattr(node, attribute)
            if getattr(node, INSERTED, False):
                out['$inserted'] = True
        return out
    if isinstance(node, list):
        return [to_json(item, positions) for item in node]
    return node


def from_json(data, path='$'):
    """The ast tree a JSON form describes; TreeError names the JSON path of anything wrong."""
    if isinstance(data, list):
        return [from_json(item, f'{path}[{i}]') for i, item in enumerate(data)]
    if not isinstance(data, dict):
        return data
    kind = data.get('_type')
    cls = getattr(ast, kind, None) if isinstance(kind, str) else None
    if not (isinstance(cls, type) and issubclass(cls, ast.AST)) or kind.startswith('_'):
        raise TreeError(path, f'"_type" {kind!r} is not an ast node type' if kind is not None
                        else 'an object without "_type" (every node needs its ast class name)')
    node = cls()
    known = {'_type', '$inserted', *cls._fields, *cls._attributes}
    for key in data:
        if key not in known:
            raise TreeError(f'{path}.{key}', f'{kind} has no field {key!r} (fields: {", ".join(cls._fields) or "none"})')
    for field in cls._fields:
        if field in data:
            value = data[field]
            setattr(node, field, _const_from_json(value, f'{path}.{field}') if cls is ast.Constant and field == 'value'
                    else from_json(value, f'{path}.{field}'))
    if data.get('$inserted') is True:
        setattr(node, INSERTED, True)
    for attribute in cls._attributes:
        if attribute in data:
            if data[attribute] is None and attribute.startswith('end_'):   # optional in the grammar (int? end_lineno)
                setattr(node, attribute, None)
                continue
            if not isinstance(data[attribute], int) or isinstance(data[attribute], bool):
                raise TreeError(f'{path}.{attribute}', f'must be an integer, not {type(data[attribute]).__name__}')
            setattr(node, attribute, data[attribute])
    return node


# --- the tree being rewritten, and the transforms loaded so far -------------------------------------

# 'located': whether every node has its positions (a parsed tree does; one a transform made may not).
# 'printed': the text verify() made of the current tree, which unparse() hands out.
_state = {'tree': None, 'filename': '<string>', 'located': True, 'printed': None}
_transforms = []
# The deepest a tree may nest (nodes and lists, as in its JSON form); the host sets it.
_limits = {'depth': 500}


def configure(max_depth):
    _limits['depth'] = max_depth


def _too_deep(tree):
    """Whether tree (ast nodes, or their JSON form) nests deeper than the limit. Walks with a stack of its own,
    not by recursion, so that a runaway (or cyclic) tree is measured before anything recursive reads it."""
    pending = [(tree, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > _limits['depth']:
            return True
        if isinstance(value, ast.AST):
            children = [getattr(value, field, None) for field in value._fields]
        elif isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, (list, tuple, frozenset)):
            children = value
        else:
            continue
        pending.extend((child, depth + 1) for child in children if isinstance(child, (ast.AST, dict, list, tuple, frozenset)))
    return False


def parse(source, filename):
    """Parses source into the current tree; returns None, {"syntax": {message, line, column}} or {"too_deep": True}.
    A program too deep for the parser raises RecursionError, which the host reports as too deep."""
    _state['printed'] = None
    try:
        tree = ast.parse(source, filename)
    except SyntaxError as e:
        return {'syntax': {'message': e.msg, 'line': e.lineno or 0, 'column': e.offset or 0}}
    except ValueError as e:   # a null byte in the source
        return {'syntax': {'message': str(e), 'line': 0, 'column': 0}}
    if _too_deep(tree):
        return {'too_deep': True}
    _state['tree'] = tree
    _state['located'] = True
    _state['filename'] = filename
    return None


def tree_json():
    return json.dumps(to_json(_state['tree']), ensure_ascii=False, allow_nan=False)


def load_json(text):
    """Makes the tree from its JSON text; returns None, {"error": message naming the JSON path} or {"too_deep": True}."""
    _state['printed'] = None
    try:
        data = json.loads(text)
        if _too_deep(data):
            return {'too_deep': True}
        tree = from_json(data)
    except TreeError as e:
        return {'error': str(e)}
    except (TypeError, ValueError) as e:   # not JSON, or a node class that refuses its fields
        return {'error': f'$: {type(e).__name__}: {e}'}
    if not isinstance(tree, ast.Module):
        return {'error': f'$: the tree must be a Module, not {type(tree).__name__}'}
    _state['tree'] = tree
    _state['located'] = False
    return None


def load_transform(source, filename):
    """Runs a transform program in a namespace of its own; returns its index, or an error message (the host
    puts the transform's name in front of every message)."""
    namespace = {'__name__': '__transform__', '__file__': filename, 'ast': ast}
    try:
        exec(compile(source, filename, 'exec'), namespace)
    except BaseException as e:
        return _failure('failed while loading', e)
    function = namespace.get('transform')
    if not callable(function):
        return 'defines no function transform(tree)'
    _transforms.append(function)
    return len(_transforms) - 1


def load_builtin(name, options_json):
    """A built-in transform (BUILTINS) with its options; returns its index, or an error message."""
    factory = BUILTINS.get(name)
    if factory is None:
        return f'no built-in transform {name!r}'
    try:
        function = factory(**json.loads(options_json))
    except (TypeError, ValueError) as e:
        return f'bad options: {e}'
    _transforms.append(function)
    return len(_transforms) - 1


def apply(index, copy):
    """Runs transform number index on the current tree.

    Returns None when it worked, {"refused": [{line, column, message}...]} when a checking transform
    refuses the program, {"error": message} when the transform itself failed or returned no tree, or
    {"too_deep": True}. The tree of a guest transform (copy) is taken as a copy made of plain ast nodes.
    """
    _state['printed'] = None
    try:
        result = _transforms[index](_state['tree'])
    except Refused as e:
        return {'refused': [dict(line=line, column=column, message=message) for line, column, message in e.problems]}
    except BaseException as e:
        return {'error': _failure('raised', e)}
    if not isinstance(result, ast.Module):
        what = 'nothing (None)' if result is None else f'{type(result).__name__}'
        return {'error': f'transform(tree) returned {what}, not an ast.Module'}
    if _too_deep(result):
        return {'too_deep': True}
    if copy:
        try:
            result = _plain_copy(result)
        except RecursionError:
            raise   # the host reports it as too deep
        except TreeError as e:
            return {'error': f'the tree it returned is not a valid Python ast tree: {e}'}
        except Exception as e:
            return {'error': _failure('the tree it returned cannot be read', e)}
    _state['tree'] = result
    _state['located'] = False
    return None


def _plain_copy(tree):
    """The tree rebuilt from plain ast nodes, each field read once: subclasses and properties of the returned
    nodes are gone, so that the checks after this step, unparse, verify and compile all read the same values."""
    try:
        data = to_json(tree)
    except TypeError as e:   # a Constant holding what no constant can be
        raise TreeError('$', str(e)) from None
    return from_json(data)


def _failure(what, error):
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    return f'{what}: ' + ''.join(lines).rstrip()


def _located(tree):
    """The tree with positions filled in where a transform left them out (from the enclosing node); once per tree."""
    if not _state['located']:
        ast.fix_missing_locations(tree)
        _state['located'] = True
    return tree


def unparse():
    """The current tree printed (the text verify() checked, when it checked this tree)."""
    if _state['printed'] is not None:
        return _state['printed']
    return ast.unparse(_located(_state['tree']))


def verify():
    """Prints the current tree, parses the printed program again and compares the two (positions aside):
    None when they are the same tree, else {"not_printable": where they differ}. A tree that prints as
    another program would make the printed program differ from what the checks saw (a Name whose id is
    'print(42)#' prints as a call)."""
    tree = _located(_state['tree'])
    text = ast.unparse(tree)
    try:
        again = ast.parse(text, _state['filename'])
    except SyntaxError as e:
        return {'not_printable': f'its printed form does not parse (line {e.lineno}: {e.msg})'}
    except ValueError as e:
        return {'not_printable': f'its printed form does not parse ({e})'}
    difference = _difference(tree, again, '$')
    if difference is not None:
        return {'not_printable': difference}
    _state['printed'] = text
    return None


def _difference(tree, printed, path):
    """Where a tree and its printed form parsed again first differ (positions aside), as 'PATH: ...', or None.
    A field the tree leaves out (None) may come back as the parser's default ([], 0, False, None), and a
    tuple constant as the tuple display it prints as."""
    if isinstance(tree, ast.Constant) and isinstance(tree.value, tuple) and not isinstance(printed, ast.Constant):
        tree = ast.Tuple([ast.Constant(item) for item in tree.value], ast.Load())
    if isinstance(tree, ast.AST) and isinstance(printed, ast.AST):
        if type(tree) is not type(printed):
            return f'{path}: {_shown(tree)} in the tree, {_shown(printed)} once printed and parsed again'
        for field in tree._fields:
            mine, theirs = getattr(tree, field, None), getattr(printed, field, None)
            if mine is None and type(theirs) in (list, int, bool, type(None)) and not theirs:
                continue
            difference = _difference(mine, theirs, f'{path}.{field}')
            if difference is not None:
                return difference
        return None
    if isinstance(tree, list) and isinstance(printed, list):
        if len(tree) != len(printed):
            return f'{path}: {len(tree)} item{"s" if len(tree) != 1 else ""} in the tree, {len(printed)} once printed and parsed again'
        for i, (mine, theirs) in enumerate(zip(tree, printed)):
            difference = _difference(mine, theirs, f'{path}[{i}]')
            if difference is not None:
                return difference
        return None
    if type(tree) is type(printed) and (tree == printed or tree != tree and printed != printed):   # nan is nan here
        return None
    return f'{path}: {_shown(tree)} in the tree, {_shown(printed)} once printed and parsed again'


def _shown(value):
    if isinstance(value, ast.AST):
        return type(value).__name__
    if isinstance(value, list):
        return f'a list of {len(value)}'
    text = repr(value)
    return text if len(text) <= 80 else text[:76] + '...' + text[-1]


def compile_tree():
    """The current tree compiled for exec, as marshalled code (positions of untouched nodes kept)."""
    code = compile(_located(_state['tree']), _state['filename'], 'exec', dont_inherit=True)
    return marshal.dumps(code)


def differs_from(source):
    """For round-trip checks: why the current tree is not the tree of source (None if it is, positions included),
    or why unparsing it does not give that tree back."""
    original = ast.parse(source, _state['filename'])
    if to_json(_state['tree']) != to_json(original):   # the JSON form holds every field and position
        return 'the tree made from JSON differs from the parsed tree'
    if to_json(ast.parse(ast.unparse(_state['tree'])), positions=False) != to_json(original, positions=False):
        return 'unparse, then parse, gives a different tree'
    return None
