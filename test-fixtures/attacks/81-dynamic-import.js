// attack: dynamic import() of a host file, which loads it through the module loader instead of load()
// expect: denied
import('/etc/passwd').then(
  (module) => console.log('ESCAPED imported', Object.keys(module)),
  (error) => console.log('import refused:', String(error)),
);
