# attack: build a 1 TiB string in one step
# expect: denied
# One request far beyond the heap must fail cleanly, not take the JVM down.
text = 'x' * 2**40
print('ESCAPED allocated', len(text))
