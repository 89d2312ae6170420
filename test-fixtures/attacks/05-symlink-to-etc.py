# attack: create a symlink to /etc in /tmp, then read through it
# expect: denied
import os

os.symlink('/etc', '/tmp/subinterp-attack-05-etc')
print('ESCAPED created a symlink to /etc')
print(open('/tmp/subinterp-attack-05-etc/passwd').read()[:40])
