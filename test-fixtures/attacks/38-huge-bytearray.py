# attack: allocate a 1 TiB bytearray in one step
# expect: denied
buffer = bytearray(2**40)
print('ESCAPED allocated', len(buffer))
