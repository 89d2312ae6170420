# extrainterpreters, the thread-like API programs for CPython 3.12 were written against, runs on the
# same interpreters: functions cross by name or as their code, values as JSON and bytes.
import math
import time

import extrainterpreters


def slow_square(x):
    time.sleep(0.1)
    return x * x


interp = extrainterpreters.Interpreter(target=slow_square, args=(7,))
interp.start()                       # runs slow_square(7) in a new interpreter, on a thread of its own
interp.join()                        # waits, then closes the interpreter
print(interp.result(), interp.done(), interp.intno, interp.is_alive())

with extrainterpreters.Interpreter() as other:
    print(other.run(math.cos, 0.0))  # a function of an importable module crosses by name
    print(other.run(slow_square, 3))  # one of the program, as its code (with the modules it uses)
    other.run_string("greeting = 'hello from ' + str(__import__('interpreters').get_current().id)")
    other.run_in_thread(str.upper, "spam")
    while not other.done():
        time.sleep(0.01)
    print(other.result())
    print(other in extrainterpreters.list_all())
    try:
        other.run(math.sqrt, -1)
    except Exception:              # the uncaught exception in the other interpreter (ExecutionFailed)
        pass
    try:
        other.result()
    except ValueError:
        print("result() after a failure:", other.exception.excinfo.type.__name__)
print(other in extrainterpreters.list_all(), other.intno)
