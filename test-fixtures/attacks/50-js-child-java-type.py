# attack: create a JavaScript interpreter and use its Java.type to reach java.lang.Runtime
# expect: denied
# Interpreters of another language run under the same policy: no host class lookup there either.
import interpreters

js = interpreters.create('js')
js.exec("var Runtime = Java.type('java.lang.Runtime'); print('ESCAPED', Runtime);")
print('ESCAPED the JavaScript interpreter reached Java')
