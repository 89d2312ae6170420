// Describing an uncaught exception for the host (GuestBridge.describe), which makes the ExcInfo record
// of it field by field (JsBridge adds where it was raised, from GraalVM's own record).
(function (helpers) {
  'use strict';
  helpers.describe = (e) => {
    if (e instanceof Error) {
      const type = (e.constructor && e.constructor.name) || String(e.name);
      const message = String(e.message);
      const formatted = message ? type + ': ' + message : type;
      const traceback = typeof e.stack === 'string' && e.stack ? e.stack : formatted;
      return { type, message, formatted, traceback };
    }
    const type = e === null ? 'null' : (typeof e === 'object' && e.constructor && e.constructor.name) || typeof e;
    const message = String(e);
    return { type, message, formatted: type + ': ' + message, traceback: 'Uncaught ' + message };
  };
})
