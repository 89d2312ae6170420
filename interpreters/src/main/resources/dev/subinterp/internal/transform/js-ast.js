// The tools side of JavaScript source transforms: acorn parses to ESTree, escodegen prints it back,
// estraverse walks it. Runs in its own interpreter (one per SourceTransform); the host calls the
// global functions below. The tree being rewritten stays here between steps and crosses as JSON text.
//
// JSON form: ESTree as acorn makes it (type, start, end, loc), with Literal values JSON cannot hold
// (RegExp, BigInt) as null; their "regex" and "bigint" fields carry them, as ESTree specifies.
//
// Every tree a step makes is printed, parsed again and compared with itself (__verify), and the program
// that runs is the printed text that was parsed and compared (__generate_for_exec): the checks and the
// run see the same program. printed: the text __verify made of tree, which __generate hands out.

var __tools = {tree: null, filename: '<string>', source: '', transforms: [], maxDepth: 500, printed: null};

// The deepest a tree may nest (objects and arrays, as in its JSON form); the host sets it.
function __configure(maxDepth) {
    __tools.maxDepth = maxDepth;
}

// Whether value nests deeper than the limit. Walks with a stack of its own, not by recursion, so that a
// runaway tree (or a cyclic one) is measured before anything recursive (JSON, checks, printer) reads it.
function __too_deep(value) {
    const pending = [[value, 1]];
    while (pending.length > 0) {
        const [item, depth] = pending.pop();
        if (depth > __tools.maxDepth) return true;
        for (const key of Object.keys(item)) {
            const child = item[key];
            if (child !== null && typeof child === 'object' && !(child instanceof RegExp)) pending.push([child, depth + 1]);
        }
    }
    return false;
}

// A tree from its JSON text, with the values of regular expression and BigInt literals made again (see __revive_literal).
function __from_json_text(text) {
    return JSON.parse(text, (key, value) => {
        if (value !== null && typeof value === 'object' && value.type === 'Literal') __revive_literal(value);
        return value;
    });
}

function __made(make) {
    try {
        return make();
    } catch (e) {
        return null;
    }
}

// A minimal CommonJS loader for the WebJar sources the host hands over as {path: text}.
function __load_libraries(files, mains) {
    const cache = {};
    function resolve(from, name) {
        if (!name.startsWith('./')) {
            if (!(name in mains)) throw new Error('module not bundled: ' + name);
            return mains[name];
        }
        const path = from.substring(0, from.lastIndexOf('/') + 1) + name.substring(2);
        return path in files ? path : path + '.js';
    }
    function load(path) {
        if (path in cache) return cache[path].exports;
        if (!(path in files)) throw new Error('module file not bundled: ' + path);
        const module = {exports: {}};
        cache[path] = module;
        if (path.endsWith('.json')) {
            module.exports = JSON.parse(files[path]);
        } else {
            const factory = (0, eval)('(function (module, exports, require) {' + files[path] + '\n})\n//# sourceURL=' + path);
            factory(module, module.exports, name => load(resolve(path, name)));
        }
        return module.exports;
    }
    globalThis.escodegen = load(mains.escodegen);
    globalThis.estraverse = load(mains.estraverse);
}

// Parses as the runner runs it: .mjs as an ES module, anything else as a script.
function __parse_as(source, filename) {
    return acorn.parse(source, {ecmaVersion: 'latest', locations: true, allowHashBang: true,
        sourceType: filename.endsWith('.mjs') ? 'module' : 'script'});
}

function __syntax_error(e) {
    return {syntax: {message: e.message.replace(/ \(\d+:\d+\)$/, ''),
        line: e.loc ? e.loc.line : 0, column: e.loc ? e.loc.column + 1 : 0}};
}

// null, {syntax: ...}, or {too_deep: true}. A program too deep for acorn's recursion throws RangeError,
// which the host reports as too deep.
function __parse(source, filename) {
    __tools.printed = null;
    let tree;
    try {
        tree = __parse_as(source, filename);
    } catch (e) {
        if (e instanceof SyntaxError) return __syntax_error(e);
        throw e;
    }
    if (__too_deep(tree)) return {too_deep: true};
    __tools.tree = tree;
    __tools.filename = filename;
    __tools.source = source;
    return null;
}

function __tree_json() {
    return JSON.stringify(__tools.tree, (key, value) =>
        value instanceof RegExp || typeof value === 'bigint' ? null : value);
}

// Checks that every object in a node position has a known ESTree type; returns the path of the first that does not.
function __check_tree(node, path) {
    if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
            const bad = node[i] === null ? null : __check_tree(node[i], path + '[' + i + ']');
            if (bad) return bad;
        }
        return null;
    }
    if (node === null || typeof node !== 'object') return path + ': a node must be an object, not ' + node;
    if (typeof node.type !== 'string') return path + ': an object without "type" (every ESTree node needs one)';
    const keys = estraverse.VisitorKeys[node.type];
    if (!keys) return path + ': "type" ' + JSON.stringify(node.type) + ' is not an ESTree node type';
    for (const key of keys) {
        const child = node[key];
        if (child !== undefined && child !== null) {
            const bad = __check_tree(child, path + '.' + key);
            if (bad) return bad;
        }
    }
    return null;
}

// null, {error: where the tree is not valid}, or {too_deep: true}.
function __load_json(text) {
    __tools.printed = null;
    let tree;
    try {
        tree = __from_json_text(text);
    } catch (e) {
        if (e instanceof SyntaxError) return {error: '$: not JSON: ' + e.message};
        throw e;
    }
    if (tree !== null && typeof tree === 'object' && __too_deep(tree)) return {too_deep: true};
    const bad = __adopt(tree, '$');
    return bad ? {error: bad} : null;
}

function __adopt(tree, path) {
    if (tree === null || typeof tree !== 'object' || tree.type !== 'Program') {
        return path + ': the tree must be a Program, not ' + (tree && tree.type ? tree.type : JSON.stringify(tree));
    }
    const bad = __check_tree(tree, path);
    if (bad) return bad;
    __tools.tree = tree;
    return null;
}

function __load_transform(source, filename) {
    let transform;
    try {
        transform = (0, eval)('(function () {' + source + '\n;return typeof transform === "function" ? transform : undefined;\n})\n//# sourceURL=' + filename)();
    } catch (e) {
        return 'failed while loading: ' + __describe(e);
    }
    if (typeof transform !== 'function') return 'defines no function transform(tree)';
    __tools.transforms.push(transform);
    return __tools.transforms.length - 1;
}

function __load_builtin(name, optionsJson) {
    const factory = __BUILTINS[name];
    if (!factory) return 'no built-in transform ' + JSON.stringify(name);
    try {
        __tools.transforms.push(factory(JSON.parse(optionsJson)));
    } catch (e) {
        return 'bad options: ' + e.message;
    }
    return __tools.transforms.length - 1;
}

function __describe(e) {
    return e instanceof Error ? (e.stack || (e.name + ': ' + e.message)) : String(e);
}

// Runs transform number index: null when it worked, {refused: [...]}, {error: message} or {too_deep: true}
// when not. The tree of a guest transform (copy) is taken as a plain copy (see __plain_copy).
function __apply(index, copy) {
    __tools.printed = null;
    const transform = __tools.transforms[index];
    let result;
    try {
        result = transform(__tools.tree);
    } catch (e) {
        if (e instanceof __Refused) return {refused: e.problems};
        return {error: 'raised: ' + __describe(e)};
    }
    if (result === null || typeof result !== 'object' || result.type !== 'Program') {
        const what = result === undefined ? 'nothing (undefined)' : result && result.type ? result.type : typeof result;
        return {error: 'transform(tree) returned ' + what + ', not an ESTree Program'};
    }
    let tree = result;
    if (copy) {
        try {
            tree = __plain_copy(result);
        } catch (e) {
            return {error: 'the tree it returned cannot be read: ' + __describe(e)};
        }
    }
    if (tree === null || __too_deep(tree)) return {too_deep: true};
    const bad = __adopt(tree, '$');
    return bad ? {error: 'transform(tree) returned a broken tree: ' + bad} : null;
}

// The tree as plain data, each own enumerable property read once: getters, proxies and prototypes of
// the returned tree are gone, so that the checks after this step, the printer and __verify all read the
// same values. Functions, symbols and undefined are left out, as JSON leaves them out. Walks with a
// stack of its own; null when the tree nests deeper than the limit (a cyclic one does).
function __plain_copy(tree) {
    const root = {};
    const literals = [];
    const pending = [[tree, root, 1]];
    while (pending.length > 0) {
        const [from, to, depth] = pending.pop();
        if (depth > __tools.maxDepth) return null;
        for (const key of Object.keys(from)) {
            const value = from[key];
            if (value !== null && typeof value === 'object') {
                to[key] = Array.isArray(value) ? [] : {};
                pending.push([value, to[key], depth + 1]);
            } else if (value !== undefined && typeof value !== 'function' && typeof value !== 'symbol') {
                to[key] = value;
            }
        }
        if (to.type === 'Literal') literals.push(to);
    }
    literals.forEach(__revive_literal);
    return root;
}

// A regular expression or BigInt literal's value made again from its "regex" or "bigint" field (null
// where this engine cannot make it, as acorn does).
function __revive_literal(literal) {
    if (literal.regex !== null && typeof literal.regex === 'object') {
        literal.value = __made(() => new RegExp(literal.regex.pattern, literal.regex.flags));
    } else if (typeof literal.bigint === 'string') {
        literal.value = __made(() => BigInt(literal.bigint));
    }
}

// Prints the tree as escodegen formats it (the text __verify checked, when it checked this tree).
function __generate() {
    const printed = __tools.printed;
    return printed && printed.tree === __tools.tree ? printed.text : escodegen.generate(__tools.tree) + '\n';
}

// Prints the current tree, parses the printed program again and compares the two: null when they are
// the same tree, else {not_printable: where they differ}. A tree that prints as another program would let
// the checks see one program while another runs (an Identifier named 'f()//' prints as a call).
function __verify() {
    const text = escodegen.generate(__tools.tree) + '\n';
    const again = __parse_printed(text);
    const difference = again.problem || __difference(__tools.tree, again.tree, '$');
    if (difference) return {not_printable: difference};
    __tools.printed = {tree: __tools.tree, text};
    return null;
}

// {tree} of printed text, or {problem} when it does not parse.
function __parse_printed(text) {
    try {
        return {tree: __parse_as(text, __tools.filename)};
    } catch (e) {
        if (e instanceof SyntaxError) return {problem: 'its printed form does not parse (' + e.message + ')'};
        throw e;
    }
}

// Keys that hold positions, formatting or the parse mode: they may differ between a tree and its printed
// form parsed again without the program differing.
const __LAYOUT_KEYS = new Set(['start', 'end', 'loc', 'range', 'comments', 'leadingComments', 'trailingComments',
    'innerComments', '$inserted', 'sourceType']);
// What acorn puts in an attribute a transform may leave out (escodegen prints a missing flag as false).
const __PARSER_DEFAULTS = [false, true, null, 'init', 'method'];

// Where tree and printed (its printed form, parsed again) first differ, as 'PATH: ...', or null.
function __difference(tree, printed, path) {
    if (Array.isArray(tree) && Array.isArray(printed)) {
        if (tree.length !== printed.length) {
            return path + ': ' + __items(tree.length) + ' in the tree, ' + printed.length + ' once printed and parsed again';
        }
        for (let i = 0; i < tree.length; i++) {
            const difference = __difference(tree[i], printed[i], path + '[' + i + ']');
            if (difference) return difference;
        }
        return null;
    }
    if (__is_record(tree) && __is_record(printed)) {
        if (tree.type !== printed.type) return path + ': ' + __shown(tree) + ' in the tree, ' + __shown(printed) + ' once printed and parsed again';
        for (const key of Object.keys(tree)) {
            const difference = __key_difference(tree, printed, key, path);
            if (difference) return difference;
        }
        for (const key of Object.keys(printed)) {
            const difference = Object.hasOwn(tree, key) ? null : __key_difference(tree, printed, key, path);
            if (difference) return difference;
        }
        return null;
    }
    if (tree === printed || (Number.isNaN(tree) && Number.isNaN(printed))) return null;
    return path + ': ' + __shown(tree) + ' in the tree, ' + __shown(printed) + ' once printed and parsed again';
}

function __key_difference(tree, printed, key, path) {
    if (key === 'type' || __LAYOUT_KEYS.has(key) || __literal_formatting(tree, printed, key)) return null;
    const mine = tree[key];
    const theirs = printed[key];
    if (mine === undefined && key !== 'directive' && (__PARSER_DEFAULTS.includes(theirs) || __empty_list(theirs))) return null;
    if (theirs === undefined && (mine === null || mine === false || __empty_list(mine))) return null;
    return __difference(mine, theirs, path + '.' + key);
}

function __items(count) {
    return count + (count === 1 ? ' item' : ' items');
}

function __is_record(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RegExp);
}

function __empty_list(value) {
    return Array.isArray(value) && value.length === 0;
}

// A literal's raw text is formatting; so is the value of a regular expression or BigInt literal, whose
// "regex" or "bigint" field (compared) is what escodegen prints.
function __literal_formatting(tree, printed, key) {
    if (tree.type !== 'Literal' || printed.type !== 'Literal') return false;
    return key === 'raw' || key === 'value' && [tree, printed].some(node => node.regex !== undefined || node.bigint !== undefined);
}

function __shown(value) {
    if (value === undefined) return 'nothing';
    if (Array.isArray(value)) return 'a list of ' + value.length;
    if (value instanceof RegExp) return String(value);
    if (value !== null && typeof value === 'object') return typeof value.type === 'string' ? value.type : 'an object';
    if (typeof value === 'bigint') return value + 'n';
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? text.substring(0, 77) + '..."' : text;
}

// Prints the tree for running: each top-level statement that still has its position starts on its
// original line where it can (inserted code, and statements that fell behind, share the line before).
// Returns {source, lines}: lines[L] is the original line of printed line L (0: unknown), for mapping
// the positions of errors back to the user's lines. The source is parsed and compared with the tree
// first, as __verify does: {not_printable: ...} when it is another program.
function __generate_for_exec() {
    const out = [];
    let line = 1;
    const lastLine = __tools.source.split('\n').length;
    for (const statement of __tools.tree.body) {
        const wanted = __original_line(statement, lastLine);
        if (wanted > line) {
            out.push('\n'.repeat(wanted - line));
            line = wanted;
        } else if (out.length > 0) {
            out.push(' ');
        }
        const text = escodegen.generate(statement, wanted ? {} : {format: {compact: true}});
        out.push(text);
        line += text.split('\n').length - 1;
    }
    const source = out.join('') + '\n';
    const again = __parse_printed(source);
    const difference = again.problem || __difference(__tools.tree, again.tree, '$');
    if (difference) return {not_printable: difference};
    return {source, lines: __line_map(__tools.tree, again.tree, source)};
}

// The line a top-level statement came from (0: unknown); a transform's position past the program's last
// line is not one, and would pad the printed program with that many empty lines.
function __original_line(statement, lastLine) {
    const line = statement.loc && statement.loc.start ? statement.loc.start.line : 0;
    return Number.isInteger(line) && line > 0 && line <= lastLine ? line : 0;
}

// Walks the tree and the parse of its printed form side by side: the outermost node that starts on a
// printed line gives that line its original line; a line where no node starts continues the one above.
function __line_map(tree, printed, printedSource) {
    const lines = new Array(printedSource.split('\n').length + 1).fill(0);
    const walk = (original, copy) => {
        if (original === null || copy === null || typeof original !== 'object' || typeof copy !== 'object') return;
        if (Array.isArray(original)) {
            if (Array.isArray(copy)) original.forEach((item, i) => walk(item, copy[i]));
            return;
        }
        if (original.type !== copy.type) return;
        if (original.loc && original.loc.start && copy.loc && !lines[copy.loc.start.line]) {
            lines[copy.loc.start.line] = original.loc.start.line;
        }
        for (const key of estraverse.VisitorKeys[original.type] || []) walk(original[key], copy[key]);
    };
    walk(tree.body, printed.body);
    for (let i = 2; i < lines.length; i++) {
        if (!lines[i]) lines[i] = lines[i - 1];
    }
    return lines;
}

function __differs_from(source) {
    const strip = (key, value) => ['start', 'end', 'loc', 'range', 'raw'].includes(key) ? undefined
        : typeof value === 'bigint' || value instanceof RegExp ? null : value;
    const expected = JSON.stringify(__parse_as(source, __tools.filename), strip);
    const fromJson = JSON.stringify(__tools.tree, strip);
    if (fromJson !== expected) return 'the tree made from JSON differs from the parsed tree';
    const forRunning = __generate_for_exec();
    if (forRunning.not_printable) return 'generating (for running), then parsing, gives a different tree: ' + forRunning.not_printable;
    for (const [how, text] of [['for reading', __generate()], ['for running', forRunning.source]]) {
        const again = JSON.stringify(__parse_as(text, __tools.filename), strip);
        if (again !== expected) return 'generating (' + how + '), then parsing, gives a different tree';
    }
    return null;
}
