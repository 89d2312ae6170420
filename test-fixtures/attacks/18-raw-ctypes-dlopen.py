# attack: the low-level _ctypes module: dlopen libc directly, bypassing the ctypes package
# expect: denied
import _ctypes

handle = _ctypes.dlopen('libc.so.6')
print('ESCAPED dlopen gave', handle)
print('ESCAPED system() at', _ctypes.dlsym(handle, 'system'))
