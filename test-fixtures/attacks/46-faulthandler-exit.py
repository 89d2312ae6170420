# attack: faulthandler.dump_traceback_later(exit=True) would _exit() the whole process from a watchdog thread
# expect: denied or completed
# CPython's watchdog calls _exit(1) on the process; here no thread may start and the host must live on.
import faulthandler
import time

faulthandler.dump_traceback_later(0.2, exit=True)
time.sleep(1)
faulthandler.cancel_dump_traceback_later()
print('still running: the watchdog did not kill the process')
