# attack: reach the bridge through sys.meta_path (the interpreters import hook) and the loader's closures
# expect: denied
# With the bridge, try operations the module does not offer: a 'java' interpreter and a host eval.
import sys

print('modules named like the bridge:', [name for name in sys.modules if 'subinterp' in name or 'bridge' in name])
finder = sys.meta_path[0]
spec = finder.find_spec('interpreters')
build = next(c.cell_contents for c in spec.loader.create_module.__closure__ if callable(c.cell_contents))
bridge = next(c.cell_contents for c in build.__closure__ if 'Foreign' in type(c.cell_contents).__name__)
print('reached the bridge:', bridge)
for operation in (('eval', 'java.lang.System'), ('create', 'java'), ('exec', 0, 'x = 1')):
    status, value = bridge(*operation)
    print(operation[0], '->', status, value)
    if status == 'ok':
        print('ESCAPED the bridge accepted', operation)
raise PermissionError('the bridge refused every operation beyond the module API')
