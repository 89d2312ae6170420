# attack: the classic jail break: object.__subclasses__() -> os._wrap_close -> __init__.__globals__['system']
# expect: denied
# Reaching os.system without importing os must not help: process creation is denied underneath.
classes = ().__class__.__base__.__subclasses__()
wrap_close = next(c for c in classes if c.__name__ == '_wrap_close')
system = wrap_close.__init__.__globals__['system']
status = system('id > /tmp/subinterp-attack-24.txt')
print('ESCAPED system returned', status)
