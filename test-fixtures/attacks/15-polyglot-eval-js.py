# attack: polyglot.eval into JavaScript, whose Java.type could then reach the host
# expect: denied
import polyglot

system = polyglot.eval(language='js', string="Java.type('java.lang.System')")
print('ESCAPED', system)
