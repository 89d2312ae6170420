# attack: raise the recursion limit to 10**9, then recurse past the host's real stack
# expect: denied or time-limit
# The policy's recursion limit must hold whatever sys.setrecursionlimit says.
import sys

sys.setrecursionlimit(10**9)

def down(n):
    return down(n + 1) + 1

depth = down(0)
print('ESCAPED recursed without limit', depth)
