# For the dunder-guard built-in: the classic escape through object's subclasses (lines 2 and 4 refused).
classes = ().__class__.__base__.__subclasses__()
loader = [c for c in classes if c.__name__ == 'BuiltinImporter'][0]
print(getattr(loader, '__init__').__globals__)
