# attack: run a shell command with os.system
# expect: denied
import os

status = os.system('id > /tmp/subinterp-attack-09.txt')
print('ESCAPED os.system returned', status)
