# attack: unbounded recursion, to overflow the interpreter thread's Java stack
# expect: denied
# Must end as RecursionError in the guest, never a StackOverflowError that breaks the host.
def down(n):
    return down(n + 1) + 1

down(0)
print('ESCAPED the recursion ended')
