# attack: dig the host bridge out of the interpreters module's closures and ask it for the host (id 0)
# expect: denied
# interpreters.create.__closure__ holds call(), whose closure holds the Java bridge. The bridge must
# do nothing more than the module does: running code in the main interpreter (the Java host) is refused.
import interpreters

cells = {c.cell_contents.__name__: c.cell_contents for c in interpreters.create.__closure__}
call = cells['call']
bridge = next(c.cell_contents for c in call.__closure__ if 'Foreign' in type(c.cell_contents).__name__)
print('reached the bridge:', type(bridge))
call('exec', 0, "import java; print('ESCAPED in the host', java.type('java.lang.System'))")
print('ESCAPED the bridge ran code in the main interpreter')
