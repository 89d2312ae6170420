# attack: recursion through the host: the interpreter execs code in itself that execs in itself again
# expect: denied or limit
# Every level adds Java frames of the bridge between Python frames; the depth must still be bounded.
import interpreters

me = interpreters.get_current()
CODE = 'import interpreters\ninterpreters.get_current().exec(CODE)\n'
me.prepare_main(CODE=CODE)
me.exec(CODE)
print('ESCAPED the self-exec recursion ended')
