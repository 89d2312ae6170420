// attack: fork-bomb style: every interpreter keeps creating interpreters and runs this same code in them
// expect: denied or time-limit
// Each generation blocks in exec() while its child spawns the next: the live count only grows.
const BOMB = `
  if (interpreters.listAll().length > 65) console.log('ESCAPED more than 64 live interpreters');
  for (;;) {
    const child = interpreters.create('js');
    child.prepareMain({ BOMB });
    child.exec(BOMB);
  }
`;
const first = interpreters.create('js');
first.prepareMain({ BOMB });
first.exec(BOMB);
console.log('ESCAPED the bomb ran to its end');
