# attack: run code in interpreters this guest did not create (other tenants', pool workers'), found by id
# expect: denied or completed
# PEP 734: an interpreter not created by the module cannot be modified. Interpreter(id) reaches any id.
import interpreters

me = interpreters.get_current()
for candidate in range(1, 200):
    if candidate == me.id:
        continue
    try:
        other = interpreters.Interpreter(candidate)
    except interpreters.InterpreterNotFoundError:
        continue
    answer = other.call(lambda: 'ran in a foreign interpreter')
    print('ESCAPED interpreter', candidate, 'ran our code:', answer)
print('no other interpreter was reachable')
