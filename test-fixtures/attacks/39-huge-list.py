# attack: allocate a list of ten billion elements in one step
# expect: denied
items = [0] * 10**10
print('ESCAPED allocated', len(items))
