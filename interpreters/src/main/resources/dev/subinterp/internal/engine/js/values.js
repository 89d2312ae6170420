// Values crossing between the host and this interpreter: the host builds the guest's own values (not
// proxies) through these.
(function (helpers) {
  'use strict';
  Object.assign(helpers, {
    none: () => null,
    decode_json: (text) => JSON.parse(text),
    big_int: (text) => BigInt(text),
    bytes_from_buffer: (buffer) => new Uint8Array(buffer),
    new_map: () => ({}),
    new_list: () => [],
    // defineProperty, not assignment, so that a key named "__proto__" stays an ordinary key.
    put: (object, key, value) => {
      Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    },
    append: (array, value) => { array.push(value); },
  });
})
