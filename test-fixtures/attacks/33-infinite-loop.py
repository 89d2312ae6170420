# attack: spin forever to hold the interpreter's thread (and a core) indefinitely
# expect: time-limit
while True:
    pass
print('ESCAPED the loop ended')
