# attack: run a code object with garbage bytecode (a memory-corruption primitive in CPython)
# expect: denied
code = (lambda: 0).__code__.replace(co_code=b'\xff' * 16)
result = exec(code)
print('ESCAPED garbage bytecode ran and returned', result)
