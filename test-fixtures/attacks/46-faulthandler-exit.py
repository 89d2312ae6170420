# attack: faulthandler.dump_traceback_later(exit=True): a watchdog thread that would _exit() the whole process
# expect: denied
# CPython's watchdog thread calls _exit(1) on the process; here no thread may start at all.
import faulthandler
import time

faulthandler.dump_traceback_later(0.2, exit=True)
print('ESCAPED a watchdog thread was armed')
time.sleep(1)
