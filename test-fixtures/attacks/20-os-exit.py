# attack: os._exit(0) to kill the whole JVM (the host and every other interpreter)
# expect: exited
# Only this interpreter may end; the host must survive and report the exit.
import os

print('about to call os._exit(0)')
os._exit(0)
print('ESCAPED os._exit returned')
