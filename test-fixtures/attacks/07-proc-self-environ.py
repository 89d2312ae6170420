# attack: read the JVM's environment (secrets, tokens) from /proc/self/environ
# expect: denied
with open('/proc/self/environ', 'rb') as f:
    data = f.read()
print('ESCAPED', data[:80])
