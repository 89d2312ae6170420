# attack: run a program with subprocess.run and read its output
# expect: denied
import subprocess

result = subprocess.run(['cat', '/etc/passwd'], capture_output=True)
print('ESCAPED', result.stdout[:40])
