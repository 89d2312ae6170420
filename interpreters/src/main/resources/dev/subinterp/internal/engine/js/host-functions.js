// The host functions an embedder offers (HostEnvironment / Interpreter.Builder.hostFunctions), as one
// frozen global object whose functions call the host through `invoke`; any other name fails clearly.
(function (helpers) {
  'use strict';
  const { Status, NotShareableError } = helpers;
  helpers.install_host_object = (objectName, names, invoke) => {
    class HostFunctionError extends Error {}
    Object.defineProperty(HostFunctionError.prototype, 'name', { value: 'HostFunctionError' });
    const errors = { [Status.NOT_SHAREABLE]: NotShareableError, [Status.HOST_FUNCTION_ERROR]: HostFunctionError };
    const allowed = Array.from(names);
    const functions = { HostFunctionError };
    for (const name of allowed) {
      functions[name] = (...args) => {
        if (args.length > 1) throw new TypeError(`${objectName}.${name}() takes one JSON argument, not ${args.length}`);
        const [status, value] = invoke(name, ...args);
        if (status === Status.OK) return value;
        throw new errors[status](value);
      };
    }
    const object = new Proxy(Object.freeze(functions), {
      get(target, key) {
        if (typeof key !== 'string' || key in target) return target[key];
        throw new TypeError(`host function '${key}' is not available here (allowed: ${allowed.join(', ') || 'none'})`);
      },
    });
    Object.defineProperty(globalThis, objectName, { value: object, writable: false, enumerable: false, configurable: false });
  };
})
