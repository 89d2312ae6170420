# attack: spin forever and swallow every exception, hoping to survive the time limit's interrupt
# expect: time-limit
# The limit must stop the guest even when it catches BaseException (KeyboardInterrupt, SystemExit...).
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
print('ESCAPED the loop ended')
