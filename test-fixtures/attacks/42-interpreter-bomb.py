# attack: create interpreters in an endless loop to exhaust the host's memory and threads
# expect: denied or time-limit
# The 64-live-interpreter limit must make create() raise.
import interpreters

created = []
while True:
    created.append(interpreters.create())
    if len(created) == 1000:
        print('ESCAPED 1000 live interpreters')
