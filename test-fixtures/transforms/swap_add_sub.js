// A JS transform file: receives the ESTree Program and returns it with every + and - swapped.
// estraverse (the walker escodegen uses) is at hand in the tools interpreter.
function transform(tree) {
    estraverse.traverse(tree, {
        enter(node) {
            if (node.type === 'BinaryExpression' && (node.operator === '+' || node.operator === '-')) {
                node.operator = node.operator === '+' ? '-' : '+';
            }
        }
    });
    return tree;
}
