# A broken transform file: transform(tree) raises.
def transform(tree):
    raise ValueError('this transform always fails')
