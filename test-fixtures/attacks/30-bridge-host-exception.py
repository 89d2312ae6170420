# attack: make the Java bridge throw (wrong arguments) and use the Java exception object to reach Java
# expect: denied
import interpreters

q = interpreters.create_queue()
handle = q.__subinterp_handle__          # the queue's host proxy
try:
    handle('put')                        # too few arguments: a Java exception comes back
except BaseException as e:
    caught = e
print('caught', type(caught).__name__, caught)
klass = caught.getClass()                # a Java Throwable would lead to getClass().forName(...)
print('ESCAPED', klass)
