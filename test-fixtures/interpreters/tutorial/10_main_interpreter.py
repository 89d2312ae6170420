# The program itself runs in the main interpreter, as python3 FILE does.
import interpreters

main = interpreters.get_main()
current = interpreters.get_current()
print(current == main, current is main, main.id, main.whence)
print(main.is_running())
interp = interpreters.create()
print(interp.id, interp == main)
print([i.id for i in interpreters.list_all()])
if interpreters.get_current() == interpreters.get_main():
    print('main: starting workers')
interp.exec('print("in a subinterpreter")')
try:
    main.close()
except interpreters.InterpreterError:
    print('InterpreterError: the main interpreter cannot be closed')
