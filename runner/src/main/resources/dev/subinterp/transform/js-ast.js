// The tools side of JavaScript source transforms: acorn parses to ESTree, escodegen prints it back,
// estraverse walks it. Runs in its own interpreter (one per SourceTransform); the host calls the
// global functions below. The tree being rewritten stays here between steps and crosses as JSON text.
//
// JSON form: ESTree as acorn makes it (type, start, end, loc), with Literal values JSON cannot hold
// (RegExp, BigInt) as null; their "regex" and "bigint" fields carry them, as ESTree specifies.

var __tools = {tree: null, filename: '<string>', source: '', transforms: []};

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

function __parse(source, filename) {
    try {
        __tools.tree = __parse_as(source, filename);
    } catch (e) {
        if (e instanceof SyntaxError) return __syntax_error(e);
        throw e;
    }
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

function __load_json(text) {
    let tree;
    try {
        tree = JSON.parse(text);
    } catch (e) {
        return '$: not JSON: ' + e.message;
    }
    return __adopt(tree, '$');
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

// Runs transform number index: null when it worked, {refused: [...]} or {error: message} when not.
function __apply(index) {
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
    const bad = __adopt(result, '$');
    return bad ? {error: 'transform(tree) returned a broken tree: ' + bad} : null;
}

// Prints the tree as escodegen formats it.
function __generate() {
    return escodegen.generate(__tools.tree) + '\n';
}

// Prints the tree for running: each top-level statement that still has its position starts on its
// original line where it can (inserted code, and statements that fell behind, share the line before).
// Returns {source, lines}: lines[L] is the original line of printed line L (0: unknown), for mapping
// the positions of errors back to the user's lines.
function __generate_for_exec() {
    const out = [];
    let line = 1;
    for (const statement of __tools.tree.body) {
        const wanted = statement.loc && statement.loc.start ? statement.loc.start.line : 0;
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
    return {source, lines: __line_map(__tools.tree, source)};
}

// Walks the tree and the parse of its printed form side by side: the outermost node that starts on a
// printed line gives that line its original line; a line where no node starts continues the one above.
function __line_map(tree, printedSource) {
    const printed = __parse_as(printedSource, __tools.filename);
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
    for (const [how, text] of [['for reading', __generate()], ['for running', __generate_for_exec().source]]) {
        const again = JSON.stringify(__parse_as(text, __tools.filename), strip);
        if (again !== expected) return 'generating (' + how + '), then parsing, gives a different tree';
    }
    return null;
}
