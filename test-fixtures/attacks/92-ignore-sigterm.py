# attack: signal.signal(SIGTERM, SIG_IGN): the host would ignore `kill -TERM` from then on, after this interpreter is gone
# expect: denied
import signal

signal.signal(signal.SIGTERM, signal.SIG_IGN)
print('ESCAPED a process-wide SIGTERM handler was installed')
