# A broken transform file: transform(tree) returns a number instead of a tree.
def transform(tree):
    return 42
