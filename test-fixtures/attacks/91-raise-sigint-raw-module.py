# attack: SIGINT through the builtin _signal module, behind the back of signal.py
# expect: denied
import _signal

_signal.raise_signal(2)
print('ESCAPED _signal.raise_signal(SIGINT) returned')
