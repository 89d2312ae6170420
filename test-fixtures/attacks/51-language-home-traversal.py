# attack: GraalPy may read its own standard library; traverse with '..' from there to /etc/passwd
# expect: denied
import os

stdlib = os.path.dirname(os.__file__)          # readable: GraalPy's language home
print('stdlib readable:', len(open(os.__file__).read()) > 0)
data = open(stdlib + '/../../../../../../../../etc/passwd').read()
print('ESCAPED', data[:40])
