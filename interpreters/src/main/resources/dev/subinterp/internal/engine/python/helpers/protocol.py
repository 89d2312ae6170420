# The helpers the runtime loads into every Python interpreter, in the order PythonBridge lists them, all
# into one private namespace: never the user's __main__, and only the host calls the functions they
# define (by name). This first one sets up the protocol with the host (internal/engine/GuestProtocol.java).
#
# Before any helper runs, the host puts the constants of its two enums here, as [name, code] pairs:
# Operation (what a guest asks of the host) and Status (the first item of each answer, [status, value]).
# This makes each a namespace; the helpers then name an operation or a status only through them
# (Operation.EXEC, Status.OK), never by its code, which is the host's to choose.

import sys as _sys

_Namespace = type(_sys.implementation)   # types.SimpleNamespace, without importing types
Operation = _Namespace(**{name: code for name, code in Operation})
Status = _Namespace(**{name: code for name, code in Status})
del _sys
