# attack: list the root directory to explore the host's file system
# expect: denied
import os

names = os.listdir('/')
print('ESCAPED', names)
