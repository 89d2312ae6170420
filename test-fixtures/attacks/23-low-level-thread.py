# attack: start a thread through the low-level _thread module instead of threading
# expect: denied
import _thread

ident = _thread.start_new_thread(lambda: None, ())
print('ESCAPED thread', ident)
