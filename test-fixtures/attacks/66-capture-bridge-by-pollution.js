// attack: patch built-ins the interpreters module uses (Map.prototype.set, Array iterator, Function.prototype
// call/apply) to capture its closure-held host bridge, then ask the bridge to run code in the host (id 0)
// expect: denied
const captured = [];
const grab = (...values) => values.forEach((v) => { if (typeof v === 'function' && !captured.includes(v)) captured.push(v); });
const mapSet = Map.prototype.set;
Map.prototype.set = function (k, v) { grab(k, v); return mapSet.call(this, k, v); };
const iterator = Array.prototype[Symbol.iterator];
Array.prototype[Symbol.iterator] = function () { grab(...Array.from({ length: this.length }, (_, i) => this[i])); return iterator.call(this); };
interpreters.listAll();
interpreters.create('js').exec('1');
Map.prototype.set = mapSet;
Array.prototype[Symbol.iterator] = iterator;
const bridges = captured.filter((f) => String(f).includes('native code'));
console.log('captured functions:', captured.length, 'native:', bridges.length);
if (bridges.length === 0) throw new Error('denied: the host bridge never reached guest code');
const answer = bridges[0]('exec', 0, 'print("ESCAPED")');
if (answer[0] === 'ok') console.log('ESCAPED the bridge ran code in the host');
throw new Error('denied: the bridge refused: ' + answer);
