// Helpers the runtime uses inside every JavaScript interpreter. The object they live in is returned to
// the host and never bound to a global. Names are snake_case like the Python helpers': only the host
// calls them.
(function () {
  'use strict';

  // ---- queues and channels: a guest holds one as an instance of these classes around the host's
  // handle, one function handle(operation, ...args) that answers [status, value] instead of throwing.
  class InterpreterError extends Error {}
  class NotShareableError extends TypeError {}
  class QueueError extends InterpreterError {}
  class QueueEmpty extends QueueError {}
  class QueueFull extends QueueError {}
  class ChannelError extends InterpreterError {}
  class ChannelEmptyError extends ChannelError {}
  class ChannelClosedError extends ChannelError {}
  class ChannelTimeoutError extends ChannelError {}
  for (const E of [InterpreterError, NotShareableError, QueueError, QueueEmpty, QueueFull, ChannelError,
                   ChannelEmptyError, ChannelClosedError, ChannelTimeoutError]) {
    Object.defineProperty(E.prototype, 'name', { value: E.name });
  }
  const errors = {
    not_shareable: NotShareableError, queue_empty: QueueEmpty, queue_full: QueueFull, queue_closed: QueueError,
    channel_empty: ChannelEmptyError, channel_closed: ChannelClosedError, channel_timeout: ChannelTimeoutError,
    interrupted: InterpreterError, type_error: TypeError,
  };
  const call = (handle, ...args) => {
    const [status, value] = handle(...args);
    if (status === 'ok') return value;
    throw new errors[status](value);
  };
  const HANDLE = '__subinterp_handle__';

  class Handle {
    constructor(handle, id) {
      Object.defineProperty(this, HANDLE, { value: handle });
      Object.defineProperty(this, 'id', { value: id, enumerable: true });
    }
    toString() { return `${this.constructor.name}(${this.id})`; }
  }

  class Queue extends Handle {
    constructor(handle, id, maxsize) {
      super(handle, id);
      Object.defineProperty(this, 'maxsize', { value: maxsize, enumerable: true });
    }
    empty() { return call(this[HANDLE], 'empty'); }
    full() { return call(this[HANDLE], 'full'); }
    qsize() { return call(this[HANDLE], 'qsize'); }
    put(value, block = true, timeout = null) { call(this[HANDLE], 'put', value, Boolean(block), timeout); }
    putNowait(value) { this.put(value, false); }
    get(block = true, timeout = null) { return call(this[HANDLE], 'get', Boolean(block), timeout); }
    getNowait() { return this.get(false); }
  }
  Object.assign(Queue, { QueueError, QueueEmpty, QueueFull, NotShareableError });

  const NO_DEFAULT = {};
  class RecvChannel extends Handle {
    recv(timeout = null) { return call(this[HANDLE], 'recv', timeout); }
    recvNowait(defaultValue = NO_DEFAULT) {
      try {
        return call(this[HANDLE], 'recv_nowait');
      } catch (e) {
        if (e instanceof ChannelEmptyError && defaultValue !== NO_DEFAULT) return defaultValue;
        throw e;
      }
    }
    close() { call(this[HANDLE], 'close'); }
  }

  class SendChannel extends Handle {
    send(value, timeout = null) { call(this[HANDLE], 'send', value, timeout); }
    sendNowait(value) { call(this[HANDLE], 'send_nowait', value); }
    sendBuffer(bytes, timeout = null) { call(this[HANDLE], 'send_buffer', bytes, timeout); }
    sendBufferNowait(bytes) { call(this[HANDLE], 'send_buffer_nowait', bytes); }
    close() { call(this[HANDLE], 'close'); }
  }
  Object.assign(RecvChannel, { ChannelError, ChannelEmptyError, ChannelClosedError, ChannelTimeoutError });
  Object.assign(SendChannel, { ChannelError, ChannelClosedError, ChannelTimeoutError, NotShareableError });

  // ---- the interpreters module (PEP 734 in camelCase), installed as globalThis.interpreters. The bridge
  // to the host lives only in this closure.
  function installInterpreters(bridge) {
    class InterpreterNotFoundError extends InterpreterError {}
    class ExecutionFailed extends InterpreterError {
      constructor(excinfo) {
        super(excinfo.formatted || `${excinfo.type.__name__}: ${excinfo.msg}`);
        this.excinfo = excinfo;
      }
      toString() { return `${this.message}\n\nUncaught in the interpreter:\n\n${this.excinfo.errdisplay}`; }
    }
    for (const E of [InterpreterNotFoundError, ExecutionFailed]) {
      Object.defineProperty(E.prototype, 'name', { value: E.name });
    }
    const moduleErrors = { not_found: InterpreterNotFoundError, interp_error: InterpreterError, not_shareable: NotShareableError };
    const request = (...args) => {
      const [status, value] = bridge(...args);
      if (status === 'ok') return value;
      if (status === 'exec_failed') throw new ExecutionFailed(value);
      throw new moduleErrors[status](value);
    };
    const known = new Map();
    class Interpreter {
      constructor(id, whence, language) {
        if (known.has(id)) return known.get(id);
        if (whence === undefined) [, whence, language] = request('info', id);
        Object.defineProperties(this, {
          id: { value: id, enumerable: true }, whence: { value: whence, enumerable: true },
          language: { value: language, enumerable: true },
        });
        known.set(id, this);
      }
      isRunning() { return request('is_running', this.id); }
      close() { request('close', this.id); }
      prepareMain(values = {}) { request('prepare_main', this.id, values); }
      exec(code) {
        if (typeof code !== 'string') throw new TypeError('exec() takes the code as a string');
        request('exec', this.id, code);
      }
      call(name, ...args) {
        if (typeof name !== 'string') throw new TypeError('call() takes the name of a function defined in the target');
        return request('call', this.id, name, args, {});
      }
      toString() { return `Interpreter(${this.id})`; }
    }
    const fromInfo = ([id, whence, language]) => new Interpreter(id, whence, language);
    const module = Object.freeze({
      create: (language = null) => fromInfo(request('create', language)),
      listAll: () => request('list_all').map(fromInfo),
      getCurrent: () => fromInfo(request('current')),
      getMain: () => new Interpreter(0, 'runtime init', 'java'),
      createQueue: (maxsize = 0) => request('create_queue', maxsize),
      isShareable: (value) => request('is_shareable', value),
      Interpreter, InterpreterError, InterpreterNotFoundError, ExecutionFailed, NotShareableError,
      Queue, QueueError, QueueEmpty, QueueFull,
    });
    Object.defineProperty(globalThis, 'interpreters', { value: module, writable: false, enumerable: false, configurable: false });
  }

  return {
    none: () => null,
    install_interpreters: installInterpreters,
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
    // Host functions the embedder offers, as one frozen global object; any other name fails clearly.
    install_host_object: (objectName, names, invoke) => {
      class HostFunctionError extends Error {}
      Object.defineProperty(HostFunctionError.prototype, 'name', { value: 'HostFunctionError' });
      const allowed = Array.from(names);
      const functions = { HostFunctionError };
      for (const name of allowed) {
        functions[name] = (...args) => {
          if (args.length > 1) throw new TypeError(`${objectName}.${name}() takes one JSON argument, not ${args.length}`);
          const [status, value] = invoke(name, ...args);
          if (status === 'ok') return value;
          if (status === 'not_shareable') throw new NotShareableError(value);
          throw new HostFunctionError(value);
        };
      }
      const object = new Proxy(Object.freeze(functions), {
        get(target, key) {
          if (typeof key !== 'string' || key in target) return target[key];
          throw new TypeError(`host function '${key}' is not available here (allowed: ${allowed.join(', ') || 'none'})`);
        },
      });
      Object.defineProperty(globalThis, objectName, { value: object, writable: false, enumerable: false, configurable: false });
    },
    wrap_queue: (handle, id, maxsize) => new Queue(handle, id, maxsize),
    wrap_recv: (handle, id) => new RecvChannel(handle, id),
    wrap_send: (handle, id) => new SendChannel(handle, id),
  };
})()
