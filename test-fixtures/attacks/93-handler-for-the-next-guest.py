# attack: a SIGUSR1 handler that would run in this interpreter when a later guest (or the host) raises SIGUSR1
# expect: denied
import signal

signal.signal(signal.SIGUSR1, lambda signum, frame: print('ESCAPED the handler ran'))
print('ESCAPED a process-wide SIGUSR1 handler was installed')
