# attack: reach Java through GraalPy's java module: java.type('java.lang.Runtime').getRuntime().exec(...)
# expect: denied
import java

Runtime = java.type('java.lang.Runtime')
print('ESCAPED got', Runtime)
Runtime.getRuntime().exec('id')
