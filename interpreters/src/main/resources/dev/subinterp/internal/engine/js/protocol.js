// The helpers the runtime loads into every JavaScript interpreter, in the order JsBridge lists them.
// Each file is one function: this first one makes the object they all fill, which is returned to the
// host and never bound to a global; each later one takes it and adds its helpers. Names are snake_case
// like the Python helpers': only the host calls them.
//
// The protocol with the host (internal/engine/GuestProtocol.java): the host hands over the constants
// of its two enums as [name, code] pairs, Operation (what a guest asks of the host) and Status (the
// first item of each answer, [status, value]). The helpers name an operation or a status only
// through these (Operation.EXEC, Status.OK), never by its code, which is the host's to choose.
(function (operations, statuses) {
  'use strict';
  const namespace = (pairs) => {
    const constants = Object.create(null);
    for (let i = 0; i < pairs.length; i++) constants[pairs[i][0]] = pairs[i][1];
    return Object.freeze(constants);
  };
  return { Operation: namespace(operations), Status: namespace(statuses) };
})
