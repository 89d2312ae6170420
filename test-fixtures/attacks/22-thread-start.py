# attack: start a thread, which would outlive the time limit of the call that started it
# expect: denied
import threading

thread = threading.Thread(target=lambda: None)
thread.start()
print('ESCAPED a thread started')
