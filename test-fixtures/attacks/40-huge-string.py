# attack: build a 1 TiB string in one step
# expect: denied
text = 'x' * 2**40
print('ESCAPED allocated', len(text))
