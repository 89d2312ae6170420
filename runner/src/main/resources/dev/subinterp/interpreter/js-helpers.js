// Helpers the runtime uses inside every JavaScript interpreter. The object they live in is returned to
// the host and never bound to a global.
(function () {
  'use strict';
  return {
    decodeJson: (text) => JSON.parse(text),
    bigInt: (text) => BigInt(text),
    bytesFromLatin1: (text) => {
      const n = text.length, bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = text.charCodeAt(i);
      return bytes;
    },
    newMap: () => ({}),
    newList: () => [],
    // defineProperty, not assignment, so that a key named "__proto__" stays an ordinary key.
    put: (object, key, value) => {
      Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    },
    append: (array, value) => { array.push(value); },
    describe: (e) => {
      if (e instanceof Error) {
        const type = (e.constructor && e.constructor.name) || String(e.name);
        const message = String(e.message);
        const formatted = message ? type + ': ' + message : type;
        const stack = typeof e.stack === 'string' && e.stack ? e.stack : formatted;
        return [type, message, formatted, stack];
      }
      const type = e === null ? 'null' : (typeof e === 'object' && e.constructor && e.constructor.name) || typeof e;
      const message = String(e);
      return [type, message, type + ': ' + message, 'Uncaught ' + message];
    },
  };
})()
