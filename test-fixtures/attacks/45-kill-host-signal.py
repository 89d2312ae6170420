# attack: send SIGKILL to the JVM's own pid, and install a SIGINT handler to resist interruption
# expect: denied
import os
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
os.kill(os.getpid(), signal.SIGKILL)
print('ESCAPED os.kill returned and the host is still alive')
