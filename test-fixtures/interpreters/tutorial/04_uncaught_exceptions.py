# Handle uncaught exceptions: the exception stays over there; ExecutionFailed describes it here.
from concurrent import interpreters

interp = interpreters.create()
try:
    interp.exec("def parse(text):\n    return int(text)\nparse('forty-two')")
except interpreters.ExecutionFailed as failed:
    info = failed.excinfo
    print("type:", info.type.__name__)
    print("message:", info.msg)
    print("formatted:", info.formatted)
    print("traceback names the function:", "in parse" in info.errdisplay)
print("still usable:", interp.call(lambda: 6 * 7))
interp.close()
