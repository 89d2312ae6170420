# Run code in a new interpreter: it has its own __main__, separate from ours.
from concurrent import interpreters

interp = interpreters.create()
interp.exec('print("hello from interpreter", __import__("interpreters").get_current().id)')
interp.exec('spam = "only over there"')
print("spam" in globals())
interp.close()
