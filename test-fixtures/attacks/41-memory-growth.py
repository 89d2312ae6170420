# attack: grow memory without end, 1 MiB at a time, to exhaust the JVM heap shared with other interpreters
# expect: time-limit or denied or limit
chunks = []
while True:
    chunks.append(bytes(1 << 20))
    if len(chunks) == 1 << 16:
        print('ESCAPED holding 64 GiB')
