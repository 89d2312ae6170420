# attack: allocate a 1 TiB bytearray in one step
# expect: denied
# One request far beyond the heap must fail cleanly (MemoryError/OverflowError), not take the JVM down.
buffer = bytearray(2**40)
print('ESCAPED allocated', len(buffer))
