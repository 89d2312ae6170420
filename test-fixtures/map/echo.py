# For runner map's input checks: each line's value back as it reached the guest; a string also with
# its code points, to show that nothing was replaced on the way in.
def describe(value):
    if isinstance(value, str):
        return [value, [hex(ord(c)) for c in value]]
    return value
