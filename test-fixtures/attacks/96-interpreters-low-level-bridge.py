# attack: dig the host bridge out of the low-level module behind the interpreters package and ask it for more than the module offers
# expect: denied
# interpreters._interpreters (CPython's C module of that name; here the Java host's) holds functions whose
# closures hold the bridge. The bridge must do nothing more than the module does: no eval, no 'java'
# interpreter, nothing run in or done to the main interpreter (the Java host), no queue operations.
import interpreters

Status = type(interpreters.create_queue()).put.__globals__['Status']   # the helpers' own constants
bridge = next(c.cell_contents for c in interpreters._interpreters.exec.__closure__ if callable(c.cell_contents))
print('reached the bridge:', type(bridge).__name__)
for operation in (('eval', 'java.lang.System'), ('create', 'java'), ('exec', 0, 'x = 1'), ('destroy', 0),
                  ('prepare_main', 0, {'x': 1}), ('call', 0, 'exit', [], {}), ('put', 1, True, None)):
    status, value = bridge(*operation)
    print(operation[0], '->', status, value)
    if status == Status.OK:
        print('ESCAPED the bridge accepted', operation)
try:
    print('ESCAPED the bridge is a Java object:', bridge.getClass())
except Exception as e:
    print('not a Java object:', type(e).__name__)
raise PermissionError('the bridge refused every operation beyond the module API')
