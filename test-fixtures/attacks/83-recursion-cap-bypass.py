# attack: bypass the recursion cap: rewrite the cap in sys.setrecursionlimit's closure, call the host setter directly
# expect: denied
# The wrapper is guest code and its closure cells are writable; only the host-side check counts.
import sys

cells = dict(zip(sys.setrecursionlimit.__code__.co_freevars, sys.setrecursionlimit.__closure__ or ()))
if 'cap' in cells:
    cells['cap'].cell_contents = 10**9              # the guest-side check now allows anything
set_limit = cells['set_limit'].cell_contents if 'set_limit' in cells else sys.setrecursionlimit
set_limit(10**9)
print('ESCAPED the recursion limit is now', sys.getrecursionlimit())
