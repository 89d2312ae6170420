// A runaway transform file: it returns a program whose expression is 1 + 1 + ... nested 100,000 deep
// (built in a loop, not by recursion). The runner refuses it by its depth before anything recursive reads it.
function transform(tree) {
    let expression = {type: 'Literal', value: 1};
    for (let i = 0; i < 100000; i++) {
        expression = {type: 'BinaryExpression', operator: '+', left: expression, right: {type: 'Literal', value: 1}};
    }
    tree.body = [{type: 'ExpressionStatement', expression}];
    return tree;
}
