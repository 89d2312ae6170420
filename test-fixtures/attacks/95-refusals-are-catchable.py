# attack: operations the sandbox or GraalPy's Java POSIX backend refuse must raise the guest's own exceptions, never a Java error past every except
# expect: completed
import os
import posix
import select
import socket
import tempfile

attempts = {
    'posix.access': lambda: posix.access('/etc/passwd', os.R_OK) and 'ESCAPED readable',
    'os.getcwd': lambda: os.getcwd() != '/' and 'ESCAPED the host working directory ' + os.getcwd(),
    'os.chdir': lambda: os.chdir('/'),
    'os.listdir': lambda: os.listdir('/'),
    'os.getppid': lambda: os.getppid(),
    'os.getpgrp': lambda: os.getpgrp(),
    'os.getsid': lambda: os.getsid(0),
    'os.setsid': lambda: os.setsid(),
    'os.openpty': lambda: os.openpty(),
    'os.chown': lambda: os.chown('x', 0, 0),
    'os.access(effective_ids)': lambda: os.access('.', os.R_OK, effective_ids=True),
    'select.select': lambda: select.select([], [], [], 0),
    'socket.socket': lambda: socket.socket(),
    'tempfile.mkstemp': lambda: tempfile.mkstemp(),
}
for name, attempt in attempts.items():
    try:
        result = attempt()
        if isinstance(result, str) and result.startswith('ESCAPED'):
            print(name, result)
    except OSError as e:
        print(name, 'refused with', type(e).__name__)
