// The interpreters module (PEP 734, in camelCase), installed as the frozen global `interpreters`. The
// bridge to the host (the interpreter's GuestModule) lives only in the closure of install_interpreters.
(function (helpers) {
  'use strict';
  const { Operation, Status, InterpreterError, NotShareableError, Queue, QueueError, QueueEmpty, QueueFull, RecvChannel,
          SendChannel, ChannelError, ChannelNotFoundError, ChannelEmptyError, ChannelClosedError, ChannelTimeoutError } = helpers;

  helpers.install_interpreters = (bridge) => {
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
    const errors = {
      [Status.NOT_FOUND]: InterpreterNotFoundError, [Status.INTERP_ERROR]: InterpreterError,
      [Status.NOT_SHAREABLE]: NotShareableError,
    };
    const ask = (...args) => {
      const [status, value] = bridge(...args);
      if (status === Status.OK) return value;
      if (status === Status.EXEC_FAILED) throw new ExecutionFailed(value);
      throw new errors[status](value);
    };
    // What call() sends for its target: a function's name, or a plain function as its source text (made
    // again in the target at the top level, so it sees the target's globals, not the caller's variables).
    const callable = (target) => {
      if (typeof target === 'string') return target;
      if (typeof target !== 'function') throw new TypeError('call() takes a function or the name of one defined in the target');
      const source = Function.prototype.toString.call(target);
      if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
        throw new NotShareableError(`${target.name || 'the function'} is built in or bound: only a plain function crosses, as its source`);
      }
      return { jsSource: source, name: target.name };
    };
    const known = new Map();
    class Interpreter {
      constructor(id, whence, language) {
        if (known.has(id)) return known.get(id);
        if (whence === undefined) [, whence, language] = ask(Operation.INFO, id);
        Object.defineProperties(this, {
          id: { value: id, enumerable: true }, whence: { value: whence, enumerable: true },
          language: { value: language, enumerable: true },
        });
        known.set(id, this);
      }
      isRunning() { return ask(Operation.IS_RUNNING, this.id); }
      close() { ask(Operation.DESTROY, this.id); }
      prepareMain(values = {}) { ask(Operation.PREPARE_MAIN, this.id, values); }
      exec(code) {
        if (typeof code !== 'string') throw new TypeError('exec() takes the code as a string');
        ask(Operation.EXEC, this.id, code);
      }
      call(target, ...args) {
        return ask(Operation.CALL, this.id, callable(target), args, {});
      }
      // Runs the call on a thread of the host and returns at once: join() waits for its result (or throws
      // its error); the handle is also a thenable, so `await` works in async code.
      callInThread(target, ...args) {
        const number = ask(Operation.CALL_IN_THREAD, this.id, callable(target), args, {});
        let joined = false, result, error;
        const handle = {
          join() {
            if (!joined) {
              try { result = ask(Operation.JOIN_CALL, number); } catch (e) { error = e; }
              joined = true;
            }
            if (error !== undefined) throw error;
            return result;
          },
          done() { return joined || ask(Operation.CALL_DONE, number); },
          then(onResult, onError) { return new Promise((resolve) => resolve(handle.join())).then(onResult, onError); },
        };
        return Object.freeze(handle);
      }
      toString() { return `Interpreter(${this.id})`; }
    }
    const fromInfo = ([id, whence, language]) => new Interpreter(id, whence, language);
    const module = Object.freeze({
      create: (language = null) => fromInfo(ask(Operation.CREATE, language)),
      listAll: () => ask(Operation.LIST_ALL).map(fromInfo),
      getCurrent: () => fromInfo(ask(Operation.GET_CURRENT)),
      getMain: () => new Interpreter(0),   // the program's own interpreter under runner exec, else the Java host
      createQueue: (maxsize = 0) => ask(Operation.CREATE_QUEUE, maxsize),
      createChannel: () => ask(Operation.CREATE_CHANNEL),   // [recv, send], as Python's channels.create()
      listChannels: () => ask(Operation.LIST_CHANNELS),
      isShareable: (value) => ask(Operation.IS_SHAREABLE, value),
      Interpreter, InterpreterError, InterpreterNotFoundError, ExecutionFailed, NotShareableError,
      Queue, QueueError, QueueEmpty, QueueFull,
      RecvChannel, SendChannel, ChannelError, ChannelNotFoundError, ChannelEmptyError, ChannelClosedError, ChannelTimeoutError,
    });
    Object.defineProperty(globalThis, 'interpreters', { value: module, writable: false, enumerable: false, configurable: false });
  };
})
