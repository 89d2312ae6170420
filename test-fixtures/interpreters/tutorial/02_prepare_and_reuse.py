# Prepare an interpreter once, then reuse it: its state persists between calls.
from concurrent import interpreters

interp = interpreters.create()
interp.exec("""
counter = 0
def bump(by):
    global counter
    counter += by
    return counter
""")
for step in (1, 2, 3):
    print("counter is now", interp.call("bump", step))
interp.close()
