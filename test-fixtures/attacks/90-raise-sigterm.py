# attack: signal.raise_signal(SIGTERM): the default action ends the whole process (the host, the warm service, every other interpreter)
# expect: denied
import signal

signal.raise_signal(signal.SIGTERM)
print('ESCAPED raise_signal(SIGTERM) returned and the host is still alive')
