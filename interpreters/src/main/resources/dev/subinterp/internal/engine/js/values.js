// Values crossing between the host and this interpreter: the host builds the guest's own values (not
// proxies) through these.
(function (helpers) {
  'use strict';
  Object.assign(helpers, {
    none: () => null,
    decode_json: (text) => JSON.parse(text),
    big_int: (text) => BigInt(text),
    bytes_from_buffer: (buffer) => new Uint8Array(buffer),
    // A shared buffer: a Uint8Array over the host's memory itself, holding the host's handle so that it
    // crosses on (to a queue, a channel, a call) as the same buffer, not as a copy of its bytes.
    shared_buffer: (buffer, handle) => Object.defineProperty(new Uint8Array(buffer), '__subinterp_handle__', { value: handle }),
    new_map: () => ({}),
    new_list: () => [],
    // defineProperty, not assignment, so that a key named "__proto__" stays an ordinary key.
    put: (object, key, value) => {
      Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    },
    append: (array, value) => { array.push(value); },
  });
})
