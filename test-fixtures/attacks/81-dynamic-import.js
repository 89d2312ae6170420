// attack: dynamic import() of a host file, which loads it through the module loader instead of load()
// expect: denied or completed
// import() fails asynchronously: the rejected promise may end the run as an error or be dropped unhandled.
// No file access under strict, so the module loader must refuse to read it.
import('/etc/passwd').then((module) => console.log('ESCAPED imported', Object.keys(module)));
