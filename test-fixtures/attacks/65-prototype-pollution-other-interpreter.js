// attack: pollute Object.prototype, Array.prototype and String.prototype, then look for it in a second interpreter
// expect: completed
// Interpreters share nothing but JSON and bytes: the other one must see pristine prototypes.
Object.prototype.polluted = 'yes';
Array.prototype.pollutedMethod = () => 'yes';
String.prototype.trim = () => 'yes';
const other = interpreters.create('js');
other.exec("var seen = [String(({}).polluted), typeof [].pollutedMethod, ' a '.trim()].join(',');");
const seen = other.call('eval', 'seen');
if (seen !== 'undefined,undefined,a') console.log('ESCAPED pollution crossed:', seen);
console.log('the other interpreter sees', seen);
