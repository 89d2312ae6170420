# A transform file: `runner transform --with swap_add_sub.py FILE` or `runner exec --transform swap_add_sub.py FILE`.
# It receives the program's ast.Module and returns the new tree: every + becomes - and every - becomes +.
import ast


class SwapAddSub(ast.NodeTransformer):
    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Add):
            node.op = ast.Sub()
        elif isinstance(node.op, ast.Sub):
            node.op = ast.Add()
        return node


def transform(tree):
    return SwapAddSub().visit(tree)
