# attack: read a file from the user's home directory (~/.bash_history, ~/.ssh)
# expect: denied
import os

home = os.path.expanduser('~')   # only a string: GraalPy answers it without touching the file system
names = os.listdir(home)
print('ESCAPED', names[:10])
