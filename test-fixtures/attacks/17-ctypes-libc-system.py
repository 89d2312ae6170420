# attack: load libc with ctypes and call system()
# expect: denied
import ctypes

libc = ctypes.CDLL('libc.so.6')
print('ESCAPED loaded', libc)
libc.system(b'id > /tmp/subinterp-attack-17.txt')
