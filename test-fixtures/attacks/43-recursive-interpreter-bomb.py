# attack: fork-bomb style: every interpreter keeps creating interpreters and runs this same code in them
# expect: denied or time-limit
# Each generation blocks in exec() while its child spawns the next: the live count only grows.
import interpreters

BOMB = '''
import interpreters
if len(interpreters.list_all()) > 65:          # 64 guests plus the main interpreter
    print('ESCAPED more than 64 live interpreters')
while True:
    child = interpreters.create()
    child.prepare_main(code=code)
    child.exec(code)
'''
first = interpreters.create()
first.prepare_main(code=BOMB)
first.exec(BOMB)
print('ESCAPED the bomb ran to its end')
