// attack: '..' path traversal with load() to reach /etc/passwd from the working directory
// expect: denied
const result = load('../../../../../../../../etc/passwd');
console.log('ESCAPED', result);
