// attack: Node-style process.env and require('fs') for the host's environment and files
// expect: denied
// GraalJS has no Node globals in an embedded context: process does not exist.
const env = process.env;
console.log('ESCAPED', JSON.stringify(env));
