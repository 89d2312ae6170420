# attack: '..' path traversal out of the working directory to /etc/passwd
# expect: denied
# Relative paths resolve against the host's working directory; the policy must refuse them all.
data = open('../../../../../../../../etc/passwd').read()
print('ESCAPED', data[:40])
