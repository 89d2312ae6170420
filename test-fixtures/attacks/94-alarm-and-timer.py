# attack: signal.alarm and signal.setitimer: a SIGALRM to the whole process, whose default action ends it
# expect: completed
import signal

for arm in (lambda: signal.alarm(1), lambda: signal.setitimer(signal.ITIMER_REAL, 0.5)):
    try:
        arm()
        print('ESCAPED a process alarm was armed')
    except PermissionError as e:
        print('refused:', e)
