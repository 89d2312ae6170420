# attack: use the host bridge as a Java object: getClass(), then reflection to load java.lang.Runtime
# expect: denied
import interpreters

call = next(c.cell_contents for c in interpreters.create.__closure__ if c.cell_contents.__name__ == 'call')
bridge = next(c.cell_contents for c in call.__closure__ if 'Foreign' in type(c.cell_contents).__name__)
klass = bridge.getClass()
print('ESCAPED', klass)
runtime = klass.forName('java.lang.Runtime')
