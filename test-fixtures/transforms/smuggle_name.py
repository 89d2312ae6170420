# A hostile transform file: it appends a Name whose id is code. ast.unparse prints an id as it is, so
# `runner transform` would print a call that dunder-guard, seeing only a Name, never checked. The runner
# refuses the tree instead: printed and parsed again, it is a call.
def transform(tree):
    tree.body.append(ast.Expr(ast.Name('print(42)#', ast.Load())))
    return tree
