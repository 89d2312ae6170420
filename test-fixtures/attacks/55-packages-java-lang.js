// attack: the Rhino/Nashorn-style Packages and java globals: Packages.java.lang.System.getenv()
// expect: denied
// Packages.* only builds package names; calling a static method through it must fail.
const env = Packages.java.lang.System.getenv();
console.log('ESCAPED', env);
