# attack: read /etc/passwd, a file outside any root
# expect: denied
# The simplest escape: strict gives the guest no file access at all.
data = open('/etc/passwd').read()
print('ESCAPED', data[:40])
