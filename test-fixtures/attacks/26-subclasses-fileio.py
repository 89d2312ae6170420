# attack: object.__subclasses__() walk to the raw FileIO class and the loader's get_data, then read a file
# expect: denied
classes = object.__subclasses__()
walk = list(classes)
for cls in walk:                      # all subclasses, breadth first
    walk.extend(c for c in type.__subclasses__(cls) if c not in walk)
file_io = next(c for c in walk if c.__name__ == 'FileIO')
data = file_io('/etc/passwd').read()
print('ESCAPED', data[:40])
