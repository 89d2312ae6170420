# attack: sys.exit(3) to end the host process with a chosen status
# expect: exited
import sys

print('about to call sys.exit(3)')
sys.exit(3)
print('ESCAPED sys.exit returned')
