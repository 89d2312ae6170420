// attack: run code in the main interpreter (the Java host itself) through the public API
// expect: denied
const main = interpreters.getMain();
main.exec("console.log('ESCAPED running in the host')");
console.log('ESCAPED main.exec returned');
