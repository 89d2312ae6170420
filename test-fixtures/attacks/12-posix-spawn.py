# attack: start a process without os.system: os.posix_spawn, else the raw _posixsubprocess.fork_exec
# expect: denied
# GraalPy has no os.posix_spawn; fork_exec is what subprocess uses underneath, called here directly.
import os
import _posixsubprocess

argv = [b'/bin/sh', b'-c', b'id > /tmp/subinterp-attack-12.txt']
if hasattr(os, 'posix_spawn'):
    pid = os.posix_spawn(argv[0], argv, {})
else:
    err_read, err_write = os.pipe()
    pid = _posixsubprocess.fork_exec(argv, [argv[0]], True, (), None, None, -1, -1, -1, -1, -1, -1,
                                     err_read, err_write, False, False, 0, None, None, None, -1, None, False)
print('ESCAPED started process', pid)
