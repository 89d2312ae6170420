# A runaway transform file: it returns a program whose expression is 1 + 1 + ... nested 100,000 deep
# (built in a loop, not by recursion). The runner refuses it by its depth before anything recursive reads it.
def transform(tree):
    expression = ast.Constant(1)
    for _ in range(100_000):
        expression = ast.BinOp(expression, ast.Add(), ast.Constant(1))
    tree.body = [ast.Expr(expression)]
    return tree
