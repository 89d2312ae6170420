# For the import-allowlist built-in: with the default list, lines 3, 4 and 6 are refused.
import json
import os
from subprocess import run
import math
__import__('socket')
print(json.dumps({'pi': math.pi}))
