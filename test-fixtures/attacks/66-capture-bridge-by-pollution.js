// attack: patch Map.prototype.set/get and the Array iterator to capture the interpreters module's host bridge
// expect: denied
// The bridge lives only in a closure; if patched built-ins ever see it, ask it to run code in the host (id 0).
const captured = [];
const grab = (v) => { if (typeof v === 'function' && !captured.includes(v)) captured.push(v); };
const { set, get } = Map.prototype;
const iterator = Array.prototype[Symbol.iterator];
Map.prototype.set = function (k, v) { grab(k); grab(v); return Reflect.apply(set, this, [k, v]); };
Map.prototype.get = function (k) { grab(k); return Reflect.apply(get, this, [k]); };
Array.prototype[Symbol.iterator] = function () {
  for (let i = 0; i < this.length; i++) grab(this[i]);
  return Reflect.apply(iterator, this, []);
};
interpreters.listAll();
interpreters.create('js').exec('1');
Object.assign(Map.prototype, { set, get });
Array.prototype[Symbol.iterator] = iterator;
const natives = captured.filter((f) => String(f).includes('native code'));
console.log('captured functions:', captured.length, 'native:', natives.length);
if (natives.length === 0) throw new Error('denied: the host bridge never reached guest code');
const answer = natives[0]('exec', 0, "console.log('ESCAPED in the host')");
if (answer[0] === 'ok') console.log('ESCAPED the bridge ran code in the host');
throw new Error('denied: the bridge refused: ' + answer);
