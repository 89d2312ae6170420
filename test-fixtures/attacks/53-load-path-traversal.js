// attack: '..' path traversal with load() to reach /etc/passwd from the working directory
// expect: denied
// Relative paths resolve against the host's working directory; the policy must refuse them all.
const result = load('../../../../../../../../etc/passwd');
console.log('ESCAPED', result);
