// The built-in JavaScript transforms (loaded after js-ast.js). A checking transform throws __Refused
// with every problem found; a rewriting one inserts a prelude after the directives ("use strict") and
// gives inserted nodes the position of the code they guard.

class __Refused extends Error {
    constructor(problems) {
        super(problems.length + ' problem(s)');
        this.problems = problems.sort((a, b) => a.line - b.line || a.column - b.column);
    }
}

function __problem(node, message) {
    return {line: node.loc ? node.loc.start.line : 0, column: node.loc ? node.loc.start.column + 1 : 0, message};
}

// A rewriting transform binds reserved names; the program may not use them itself.
function __refuse_reserved(tree, transformName, reserved) {
    const problems = [];
    estraverse.traverse(tree, {enter(node) {
        if (node.type === 'Identifier' && reserved.includes(node.name) && !node.__inserted) {
            problems.push(__problem(node, "the name '" + node.name + "' is reserved for the " + transformName + " transform"));
        }
    }, fallback: 'iteration'});
    if (problems.length) throw new __Refused(problems);
}

// Marks code a transform inserted (not enumerable: not part of the JSON form), so that the transforms
// after it in a chain leave it alone.
function __mark(node) {
    Object.defineProperty(node, '__inserted', {value: true});
    return node;
}

function __statements(code, at) {
    const statements = acorn.parse(code, {ecmaVersion: 'latest'}).body;
    estraverse.traverse({type: 'Program', body: statements}, {enter(node) {
        __mark(node);
        if (at && at.loc) node.loc = at.loc;
    }});
    return statements;
}

function __insert_prelude(tree, code) {
    let at = 0;
    while (at < tree.body.length && tree.body[at].directive) at++;
    while (at < tree.body.length && tree.body[at].type === 'ImportDeclaration') at++;
    tree.body.splice(at, 0, ...__statements(code, null));
}

function __is_directive(statement) {
    return statement.type === 'ExpressionStatement' && typeof statement.directive === 'string';
}

// --- import allow-list: ES imports, import(), require(), load() and code built from strings ---------------

const __DYNAMIC_CODE = ['eval', 'Function', 'require', 'load', 'loadWithNewGlobal', 'Java', 'Polyglot'];

function __import_allowlist(options) {
    const allowed = new Set(options.allow || []);
    const ok = name => allowed.has(name);
    return tree => {
        const problems = [];
        estraverse.traverse(tree, {enter(node, parent) {
            const source = (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration'
                || node.type === 'ExportNamedDeclaration') ? node.source : null;
            if (source && !ok(source.value)) {
                problems.push(__problem(node, "import of '" + source.value + "' is not allowed"));
            } else if (node.type === 'ImportExpression') {
                if (!(node.source.type === 'Literal' && ok(node.source.value))) {
                    problems.push(__problem(node, 'import() of ' + (node.source.type === 'Literal'
                        ? "'" + node.source.value + "'" : 'a computed name') + ' is not allowed'));
                }
            } else if (node.type === 'Identifier' && __DYNAMIC_CODE.includes(node.name)
                && !(parent && parent.type === 'MemberExpression' && parent.property === node && !parent.computed)
                && !(parent && parent.type === 'Property' && parent.key === node && !parent.computed)) {
                problems.push(__problem(node, "'" + node.name + "' can load or build code and is not allowed with an import allow-list"));
            }
        }, fallback: 'iteration'});
        if (problems.length) throw new __Refused(problems);
        return tree;
    };
}

// --- dunder guard: the JS ways out of the language's object model ----------------------------------

const __GUARDED_PROPERTIES = ['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__',
    '__lookupGetter__', '__lookupSetter__', 'caller', 'callee'];
const __GUARDED_NAMES = ['eval', 'Function', 'Java', 'Polyglot', 'Graal', 'Reflect', 'Proxy'];

function __dunder_guard() {
    return tree => {
        const problems = [];
        estraverse.traverse(tree, {enter(node, parent) {
            if (node.type === 'MemberExpression') {
                const name = !node.computed ? node.property.name
                    : node.property.type === 'Literal' ? String(node.property.value) : null;
                if (name !== null && __GUARDED_PROPERTIES.includes(name)) {
                    problems.push(__problem(node.property, "access to the property '" + name + "' is not allowed"));
                }
            } else if (node.type === 'Identifier' && __GUARDED_NAMES.includes(node.name)
                && !(parent && parent.type === 'MemberExpression' && parent.property === node && !parent.computed)
                && !(parent && parent.type === 'Property' && parent.key === node && !parent.computed)) {
                problems.push(__problem(node, "the name '" + node.name + "' is not allowed"));
            }
        }, fallback: 'iteration'});
        if (problems.length) throw new __Refused(problems);
        return tree;
    };
}

// --- loop budget ---------------------------------------------------------------------------------

function __loop_budget(options) {
    const limit = options.limit === undefined ? 1000000 : options.limit;
    if (!Number.isInteger(limit) || limit < 0) throw new Error('limit must be a whole number >= 0, not ' + limit);
    const prelude = 'var __loop_budget__ = {count: 0, Exceeded: class LoopBudgetExceeded extends Error {}};';
    const tick = 'if (++__loop_budget__.count > ' + limit + ') throw new __loop_budget__.Exceeded('
        + JSON.stringify('the loop budget of ' + limit + ' loop iterations and function calls is spent') + ');';
    const loops = ['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement'];
    return tree => {
        __refuse_reserved(tree, 'loop-budget', ['__loop_budget__']);
        estraverse.traverse(tree, {leave(node) {
            if (node.__inserted) return;
            if (loops.includes(node.type)) {
                const body = node.body.type === 'BlockStatement' ? node.body.body : [node.body];
                node.body = {type: 'BlockStatement', body: [...__statements(tick, node), ...body], loc: node.body.loc};
            } else if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
                if (node.body.type !== 'BlockStatement') {
                    node.body = {type: 'BlockStatement', loc: node.body.loc,
                        body: [{type: 'ReturnStatement', argument: node.body, loc: node.body.loc}]};
                    node.expression = false;
                }
                const body = node.body.body;
                let at = 0;
                while (at < body.length && __is_directive(body[at])) at++;
                body.splice(at, 0, ...__statements(tick, node));
            }
        }, fallback: 'iteration'});
        __insert_prelude(tree, prelude);
        return tree;
    };
}

// --- coverage and call tracing ----------------------------------------------------------------------

function __coverage() {
    return tree => {
        __refuse_reserved(tree, 'coverage', ['__coverage__', '__coverage_hit__', '__coverage_call__']);
        const lines = new Set();
        const withHits = statements => {
            const out = [];
            for (const statement of statements) {
                if (statement.__inserted || __is_directive(statement) || statement.type === 'ImportDeclaration'
                    || statement.type === 'FunctionDeclaration' || !statement.loc) {
                    out.push(statement);   // directives and imports must stay first; declarations are hoisted
                    continue;
                }
                const line = String(statement.loc.start.line);
                lines.add(line);
                out.push(...__statements('__coverage_hit__(' + JSON.stringify(line) + ');', statement), statement);
            }
            return out;
        };
        const names = [];
        estraverse.traverse(tree, {
            enter(node) {
                if (node.__inserted) return estraverse.VisitorOption.Skip;
                if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
                    names.push(node.id ? node.id.name : '<anonymous>');
                }
            },
            leave(node) {
                if (node.__inserted) return;
                if (node.type === 'Program' || node.type === 'BlockStatement' || node.type === 'StaticBlock') {
                    node.body = withHits(node.body);
                } else if (node.type === 'SwitchCase') {
                    node.consequent = withHits(node.consequent);
                } else if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
                    const name = names.join('.');
                    names.pop();
                    if (node.body.type !== 'BlockStatement') {
                        node.body = {type: 'BlockStatement', loc: node.body.loc,
                            body: [{type: 'ReturnStatement', argument: node.body, loc: node.body.loc}]};
                        node.expression = false;
                    }
                    const body = node.body.body;
                    let at = 0;
                    while (at < body.length && __is_directive(body[at])) at++;
                    body.splice(at, 0, ...__statements('__coverage_call__(' + JSON.stringify(name) + ');', node));
                }
            },
            fallback: 'iteration'});
        const sorted = [...lines].sort((a, b) => a - b);
        __insert_prelude(tree, 'var __coverage__ = {file: ' + JSON.stringify(__tools.filename) + ', lines: {'
            + sorted.map(line => JSON.stringify(line) + ': 0').join(', ') + '}, calls: {}};\n'
            + 'function __coverage_hit__(line) { __coverage__.lines[line]++; }\n'
            + 'function __coverage_call__(name) { __coverage__.calls[name] = (__coverage__.calls[name] || 0) + 1; }');
        return tree;
    };
}

// --- print capture: console.log and print into __printed__ ----------------------------------------

function __print_capture() {
    const prelude = 'var __printed__ = [];\n'
        + 'function __print_capture__(...args) { __printed__.push(...args.map(String).join(" ").split("\\n")); }';
    return tree => {
        __refuse_reserved(tree, 'print-capture', ['__printed__', '__print_capture__']);
        estraverse.replace(tree, {leave(node) {
            if (node.__inserted) return undefined;
            const logs = node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier'
                && node.object.name === 'console' && ['log', 'info'].includes(node.property.name);
            if (logs) return {type: 'Identifier', name: '__print_capture__', loc: node.loc};
            if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'print') {
                node.callee = {type: 'Identifier', name: '__print_capture__', loc: node.callee.loc};
            }
            return undefined;
        }, fallback: 'iteration'});
        __insert_prelude(tree, prelude);
        return tree;
    };
}

const __BUILTINS = {
    'import-allowlist': __import_allowlist,
    'dunder-guard': __dunder_guard,
    'loop-budget': __loop_budget,
    'coverage': __coverage,
    'print-capture': __print_capture,
};
