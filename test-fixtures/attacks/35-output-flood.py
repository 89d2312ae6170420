# attack: print forever to flood the host's stdout (disk, log collector, memory of a capturing host)
# expect: output-limit
import sys

line = 'x' * 1023 + '\n'
while True:
    sys.stdout.write(line)
print('ESCAPED the flood ended')
