# Manage lifetime: interpreters live until closed; closing the current one is refused.
from concurrent import interpreters

before = len(interpreters.list_all())
interp = interpreters.create()
print("created:", interp in interpreters.list_all(), interp.whence)
interp.close()
print("closed:", interp not in interpreters.list_all(), len(interpreters.list_all()) == before)
try:
    interpreters.get_current().close()
except interpreters.InterpreterError as e:
    print("cannot close myself:", type(e).__name__)
try:
    interp.exec("pass")
except interpreters.InterpreterNotFoundError:
    print("a closed interpreter is gone")
