# attack: object.__subclasses__() -> BuiltinImporter -> load the posix module -> open a file by descriptor
# expect: denied
# Even with posix reached without "import", opening a file must fail: there is no file system.
classes = object.__subclasses__()
importer = next(c for c in classes if c.__name__ == 'BuiltinImporter')
posix = importer.load_module('posix')
fd = posix.open('/etc/passwd', posix.O_RDONLY)
print('ESCAPED', posix.read(fd, 40))
