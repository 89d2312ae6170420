// The built-in JavaScript transforms (loaded after js-ast.js). A checking transform throws __Refused
// with every problem found; a rewriting one inserts a prelude after the directives ("use strict") and
// imports, and gives inserted nodes the position of the code they guard.

class __Refused extends Error {
    constructor(problems) {
        super(problems.length + ' problem(s)');
        this.problems = problems.sort((a, b) => a.line - b.line || a.column - b.column);
    }
}

function __problem(node, message) {
    return {line: node.loc ? node.loc.start.line : 0, column: node.loc ? node.loc.start.column + 1 : 0, message};
}

// Marks code a transform inserted ("$inserted": true, kept in the JSON form), so that the transforms
// after it in a chain leave it alone.
function __mark(node) {
    node.$inserted = true;
    return node;
}

// A rewriting transform binds reserved names; the program may not use them itself.
function __refuse_reserved(tree, transformName, reserved) {
    const problems = [];
    estraverse.traverse(tree, {enter(node) {
        if (node.type === 'Identifier' && reserved.includes(node.name) && !node.$inserted) {
            problems.push(__problem(node, "the name '" + node.name + "' is reserved for the " + transformName + " transform"));
        }
    }, fallback: 'iteration'});
    if (problems.length) throw new __Refused(problems);
}

// Whether an Identifier names a variable (not a property key, a member's property or a label).
function __is_variable(node, parent) {
    if (!parent) return true;
    switch (parent.type) {
        case 'MemberExpression': return parent.object === node || parent.computed;
        case 'Property': case 'MethodDefinition': case 'PropertyDefinition': return parent.key !== node || parent.computed;
        case 'LabeledStatement': case 'BreakStatement': case 'ContinueStatement': return false;
        case 'ImportSpecifier': return parent.local === node;
        case 'ExportSpecifier': return parent.local === node;
        default: return true;
    }
}

// The property name a member expression or a property key names statically (a literal, a template
// without substitutions, or a plain identifier), or null when it is computed.
function __static_key(key, computed) {
    if (!computed && key.type === 'Identifier') return key.name;
    if (key.type === 'Literal') return String(key.value);
    if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked;
    return null;
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
    while (at < tree.body.length && (__is_directive(tree.body[at]) || tree.body[at].type === 'ImportDeclaration')) at++;
    tree.body.splice(at, 0, ...__statements(code, null));
}

function __is_directive(statement) {
    return statement.type === 'ExpressionStatement' && typeof statement.directive === 'string';
}

function __is_function(node) {
    return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

// A statement position as a block: `if (a) x();` becomes `if (a) { x(); }`, so that code can go before x().
function __as_block(statement) {
    return statement.type === 'BlockStatement' ? statement : {type: 'BlockStatement', body: [statement], loc: statement.loc};
}

// The body of a function as a list of statements (an arrow's expression body becomes a return), and
// where code may be inserted at its start (after its directives).
function __function_body(fn) {
    if (fn.body.type !== 'BlockStatement') {
        fn.body = {type: 'BlockStatement', loc: fn.body.loc,
            body: [{type: 'ReturnStatement', argument: fn.body, loc: fn.body.loc}]};
        fn.expression = false;
    }
    let at = 0;
    while (at < fn.body.body.length && __is_directive(fn.body.body[at])) at++;
    return {body: fn.body.body, at};
}

const __LOOPS = ['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement'];

// --- import allow-list: ES imports, import(), require(), load() and code built from strings ---------------

const __DYNAMIC_CODE = ['eval', 'Function', 'require', 'load', 'loadWithNewGlobal', 'Java', 'Polyglot'];

function __import_allowlist(options) {
    const allowed = new Set((options.allow || []).concat(options.packages || []));   // packages: those installed
    return tree => {
        const problems = [];
        estraverse.traverse(tree, {enter(node, parent) {
            if (node.$inserted) return estraverse.VisitorOption.Skip;
            const source = (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration'
                || node.type === 'ExportNamedDeclaration') ? node.source : null;
            if (source && !allowed.has(source.value)) {
                problems.push(__problem(node, "import of '" + source.value + "' is not allowed"));
            } else if (node.type === 'ImportExpression') {
                if (!(node.source.type === 'Literal' && allowed.has(node.source.value))) {
                    problems.push(__problem(node, 'import() of ' + (node.source.type === 'Literal'
                        ? "'" + node.source.value + "'" : 'a computed name') + ' is not allowed'));
                }
            } else if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
                const name = node.arguments.length === 1 && node.arguments[0].type === 'Literal' ? node.arguments[0].value : null;
                if (typeof name !== 'string' || !allowed.has(name)) {
                    problems.push(__problem(node, 'require() of ' + (typeof name === 'string' ? "'" + name + "'" : 'a computed name')
                        + ' is not allowed'));
                }
                return estraverse.VisitorOption.Skip;
            } else if (node.type === 'Identifier' && node.name === 'require' && __is_variable(node, parent)) {
                problems.push(__problem(node, "'require' used other than as require('name') can load any module and is not allowed"));
            } else if (node.type === 'Identifier' && __DYNAMIC_CODE.includes(node.name) && __is_variable(node, parent)) {
                problems.push(__problem(node, "'" + node.name + "' can load or build code and is not allowed with an import allow-list"));
            } else if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'globalThis'
                && __DYNAMIC_CODE.includes(__static_key(node.property, node.computed))) {
                problems.push(__problem(node.property, "'" + __static_key(node.property, node.computed)
                    + "' can load or build code and is not allowed with an import allow-list"));
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
            if (node.$inserted) return estraverse.VisitorOption.Skip;
            // A property access (a.b, a['b'], or destructuring {b: x} = a) may not name a guarded property;
            // an object literal may not set the prototype ({__proto__: ...}).
            const access = node.type === 'MemberExpression' || node.type === 'Property' && parent && parent.type === 'ObjectPattern';
            const key = node.type === 'MemberExpression' ? __static_key(node.property, node.computed)
                : node.type === 'Property' ? __static_key(node.key, node.computed) : null;
            if (key !== null && (access && (__GUARDED_PROPERTIES.includes(key) || __GUARDED_NAMES.includes(key))
                || !access && key === '__proto__' && !node.computed)) {
                problems.push(__problem(node.type === 'MemberExpression' ? node.property : node.key,
                    "access to the property '" + key + "' is not allowed"));
            } else if (node.type === 'Identifier' && __GUARDED_NAMES.includes(node.name) && __is_variable(node, parent)) {
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
    // The count lives in a closure, out of the program's reach; var, so that the program can run again
    // in the same interpreter (with a fresh count).
    const prelude = 'var __loop_budget__ = Object.freeze({tick: (() => { let count = 0; return () => ++count > ' + limit + '; })(), '
        + 'Exceeded: class LoopBudgetExceeded extends Error {}});';
    const tick = 'if (__loop_budget__.tick()) throw new __loop_budget__.Exceeded('
        + JSON.stringify('the loop budget of ' + limit + ' loop iterations and function calls is spent') + ');';
    return tree => {
        __refuse_reserved(tree, 'loop-budget', ['__loop_budget__']);
        estraverse.traverse(tree, {leave(node) {
            if (node.$inserted) return;
            if (__LOOPS.includes(node.type)) {
                node.body = __as_block(node.body);
                node.body.body.unshift(...__statements(tick, node));
            } else if (__is_function(node)) {
                const {body, at} = __function_body(node);
                body.splice(at, 0, ...__statements(tick, node));
            }
        }, fallback: 'iteration'});
        __insert_prelude(tree, prelude);
        return tree;
    };
}

// --- coverage and call tracing ----------------------------------------------------------------------

// What a function is called in the call counts: its own name, or the key or variable it is bound to.
function __function_name(node, parent) {
    if (node.id) return node.id.name;
    if (parent && (parent.type === 'MethodDefinition' || parent.type === 'Property' || parent.type === 'PropertyDefinition')) {
        return __static_key(parent.key, parent.computed) || '<computed>';
    }
    if (parent && parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
    return '<anonymous>';
}

function __coverage() {
    return tree => {
        __refuse_reserved(tree, 'coverage', ['__coverage__', '__coverage_hit__', '__coverage_call__']);
        const lines = new Set();
        const hit = statement => {
            const line = String(statement.loc.start.line);
            lines.add(line);
            return __statements('__coverage_hit__(' + JSON.stringify(line) + ');', statement);
        };
        const withHits = statements => statements.flatMap(statement =>
            // directives and imports must stay first; function declarations are hoisted and run nothing
            statement.$inserted || __is_directive(statement) || statement.type === 'ImportDeclaration'
                || statement.type === 'FunctionDeclaration' || !statement.loc ? [statement] : [...hit(statement), statement]);
        const names = [];
        estraverse.traverse(tree, {
            enter(node, parent) {
                if (node.$inserted) return estraverse.VisitorOption.Skip;
                if (node.type === 'IfStatement') {   // else if too: its line gets a hit of its own
                    node.consequent = __as_block(node.consequent);
                    if (node.alternate) node.alternate = __as_block(node.alternate);
                } else if (__LOOPS.includes(node.type)) {
                    node.body = __as_block(node.body);
                } else if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
                    names.push(node.id ? node.id.name : parent && parent.type === 'VariableDeclarator' ? parent.id.name : '<class>');
                } else if (__is_function(node)) {
                    names.push(__function_name(node, parent));
                    __function_body(node);   // an expression body becomes a block, which then gets its hit
                }
                return undefined;
            },
            leave(node) {
                if (node.$inserted) return;
                if (node.type === 'Program' || node.type === 'BlockStatement' || node.type === 'StaticBlock') {
                    node.body = withHits(node.body);
                } else if (node.type === 'SwitchCase') {
                    node.consequent = withHits(node.consequent);
                } else if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
                    names.pop();
                } else if (__is_function(node)) {
                    const name = names.join('.');
                    names.pop();
                    const {body, at} = __function_body(node);
                    body.splice(at, 0, ...__statements('__coverage_call__(' + JSON.stringify(name) + ');', node));
                }
            },
            fallback: 'iteration'});
        const sorted = [...lines].sort((a, b) => a - b);
        // On globalThis, so that the host finds them after the run, also for ES modules.
        __insert_prelude(tree, 'globalThis.__coverage__ = {file: ' + JSON.stringify(__tools.filename) + ', lines: {'
            + sorted.map(line => JSON.stringify(line) + ': 0').join(', ') + '}, calls: Object.create(null)};\n'
            + 'function __coverage_hit__(line) { __coverage__.lines[line]++; }\n'
            + 'function __coverage_call__(name) { __coverage__.calls[name] = (__coverage__.calls[name] || 0) + 1; }');
        return tree;
    };
}

// --- print capture: console.log and print into __printed__ ----------------------------------------

function __print_capture() {
    const prelude = 'globalThis.__printed__ = [];\n'
        + 'function __print_capture__(...args) { __printed__.push(...args.map(String).join(" ").split("\\n")); }';
    return tree => {
        __refuse_reserved(tree, 'print-capture', ['__printed__', '__print_capture__']);
        // A program that uses the name print other than by calling it (binds, imports or passes it) keeps its print() calls.
        let ownPrint = false;
        estraverse.traverse(tree, {enter(node, parent) {
            if (node.type === 'Identifier' && node.name === 'print' && __is_variable(node, parent)
                && !(parent.type === 'CallExpression' && parent.callee === node)) {
                ownPrint = true;
            }
        }, fallback: 'iteration'});
        estraverse.replace(tree, {leave(node, parent) {
            if (node.$inserted) return undefined;
            const assigned = parent && parent.type === 'AssignmentExpression' && parent.left === node;
            const logs = node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier'
                && node.object.name === 'console' && ['log', 'info'].includes(node.property.name) && !assigned;
            if (logs) return __mark({type: 'Identifier', name: '__print_capture__', loc: node.loc});
            if (!ownPrint && node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'print') {
                node.callee = __mark({type: 'Identifier', name: '__print_capture__', loc: node.callee.loc});
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
