// A hostile transform file: it appends an Identifier whose name is code. escodegen prints a name as it
// is, so the printed program would call the Function constructor that dunder-guard, seeing only an
// Identifier, lets through. The runner refuses the tree instead: printed and parsed again, it is a call.
function transform(tree) {
    tree.body.push({type: 'ExpressionStatement',
        expression: {type: 'Identifier', name: "console.log(this.constructor.constructor('return 7*6')())//"}});
    return tree;
}
