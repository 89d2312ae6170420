// attack: Node-style process.env and require('fs') for the host's environment and files
// expect: denied
const env = process.env;
console.log('ESCAPED', JSON.stringify(env));
