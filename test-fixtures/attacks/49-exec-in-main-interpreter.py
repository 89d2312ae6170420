# attack: run code in the main interpreter (the Java host itself) through the public API
# expect: denied
import interpreters

main = interpreters.get_main()
main.exec("print('ESCAPED running in the host')")
print('ESCAPED main.exec returned')
