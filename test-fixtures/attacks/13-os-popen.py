# attack: read a command's output through os.popen
# expect: denied
import os

output = os.popen('cat /etc/passwd').read()
print('ESCAPED', output[:40])
