# attack: '..' path traversal out of the working directory to /etc/passwd
# expect: denied
data = open('../../../../../../../../etc/passwd').read()
print('ESCAPED', data[:40])
