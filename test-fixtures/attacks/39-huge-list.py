# attack: allocate a list of ten billion elements in one step
# expect: denied
# 10**10 slots are 80 GB of references: more than a Java array can hold.
items = [0] * 10**10
print('ESCAPED allocated', len(items))
