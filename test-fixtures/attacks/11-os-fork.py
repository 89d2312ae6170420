# attack: fork the JVM process with os.fork
# expect: denied
import os

pid = os.fork()
print('ESCAPED fork returned', pid)
if pid == 0:
    os._exit(0)
