# attack: tamper with builtins (open, input, a new name) and check whether a second interpreter sees it
# expect: completed
# Each interpreter has its own builtins module: the tampering must stay in this one.
import builtins
import interpreters

builtins.open = lambda *args, **kwargs: 'tampered'
builtins.input = lambda *args: 'tampered'
builtins.PLANTED_BY_ATTACK = True
other = interpreters.create()
seen = other.call(lambda: [open.__name__, input.__name__, 'PLANTED_BY_ATTACK' in dir(__builtins__)])
if seen != ['open', 'input', False]:
    print('ESCAPED the tampered builtins are visible in another interpreter:', seen)
print('the other interpreter sees', seen)
