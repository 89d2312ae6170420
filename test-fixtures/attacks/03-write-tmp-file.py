# attack: write a file under /tmp (a foothold for later runs or other users)
# expect: denied
with open('/tmp/subinterp-attack-03.txt', 'w') as f:
    f.write('owned\n')
print('ESCAPED wrote /tmp/subinterp-attack-03.txt')
