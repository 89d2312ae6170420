// Queues and channels: a guest holds one as an instance of these classes around the host's handle
// (HandleProxy), one function handle(operation, ...args) that answers [status, value] instead of
// throwing. The error classes are shared with the interpreters global (interpreters.js).
(function (helpers) {
  'use strict';
  const { Operation, Status } = helpers;
  class InterpreterError extends Error {}
  class NotShareableError extends TypeError {}
  class QueueError extends InterpreterError {}
  class QueueEmpty extends QueueError {}
  class QueueFull extends QueueError {}
  class ChannelError extends InterpreterError {}
  class ChannelNotFoundError extends ChannelError {}
  class ChannelEmptyError extends ChannelError {}
  class ChannelClosedError extends ChannelError {}
  class ChannelTimeoutError extends ChannelError {}
  for (const E of [InterpreterError, NotShareableError, QueueError, QueueEmpty, QueueFull, ChannelError,
                   ChannelNotFoundError, ChannelEmptyError, ChannelClosedError, ChannelTimeoutError]) {
    Object.defineProperty(E.prototype, 'name', { value: E.name });
  }
  const errors = {
    [Status.NOT_SHAREABLE]: NotShareableError, [Status.QUEUE_EMPTY]: QueueEmpty, [Status.QUEUE_FULL]: QueueFull,
    [Status.QUEUE_CLOSED]: QueueError, [Status.CHANNEL_EMPTY]: ChannelEmptyError,
    [Status.CHANNEL_CLOSED]: ChannelClosedError, [Status.CHANNEL_TIMEOUT]: ChannelTimeoutError,
    [Status.INTERRUPTED]: InterpreterError, [Status.TYPE_ERROR]: TypeError,
  };
  const call = (handle, ...args) => {
    const [status, value] = handle(...args);
    if (status === Status.OK) return value;
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
    empty() { return call(this[HANDLE], Operation.EMPTY); }
    full() { return call(this[HANDLE], Operation.FULL); }
    qsize() { return call(this[HANDLE], Operation.QSIZE); }
    put(value, block = true, timeout = null) { call(this[HANDLE], Operation.PUT, value, Boolean(block), timeout); }
    putNowait(value) { this.put(value, false); }
    get(block = true, timeout = null) { return call(this[HANDLE], Operation.GET, Boolean(block), timeout); }
    getNowait() { return this.get(false); }
  }
  Object.assign(Queue, { QueueError, QueueEmpty, QueueFull, NotShareableError });

  class ChannelEnd extends Handle {
    get isClosed() { return call(this[HANDLE], Operation.IS_CLOSED); }
    close() { call(this[HANDLE], Operation.CLOSE); }
    toString() { return `${this.constructor.name}(id=${this.id})`; }
  }

  const NO_DEFAULT = {};
  class RecvChannel extends ChannelEnd {
    recv(timeout = null) { return call(this[HANDLE], Operation.RECV, timeout); }
    recvNowait(defaultValue = NO_DEFAULT) {
      try {
        return call(this[HANDLE], Operation.RECV_NOWAIT);
      } catch (e) {
        if (e instanceof ChannelEmptyError && defaultValue !== NO_DEFAULT) return defaultValue;
        throw e;
      }
    }
  }

  class SendChannel extends ChannelEnd {
    send(value, timeout = null) { call(this[HANDLE], Operation.SEND, value, timeout); }
    sendNowait(value) { call(this[HANDLE], Operation.SEND_NOWAIT, value); }
    sendBuffer(bytes, timeout = null) { call(this[HANDLE], Operation.SEND_BUFFER, bytes, timeout); }
    sendBufferNowait(bytes) { call(this[HANDLE], Operation.SEND_BUFFER_NOWAIT, bytes); }
  }
  Object.assign(RecvChannel, { ChannelError, ChannelEmptyError, ChannelClosedError, ChannelTimeoutError });
  Object.assign(SendChannel, { ChannelError, ChannelClosedError, ChannelTimeoutError, NotShareableError });

  Object.assign(helpers, {
    InterpreterError, NotShareableError, Queue, QueueError, QueueEmpty, QueueFull, RecvChannel, SendChannel,
    ChannelError, ChannelNotFoundError, ChannelEmptyError, ChannelClosedError, ChannelTimeoutError,
    wrap_queue: (handle, id, maxsize) => new Queue(handle, id, maxsize),
    wrap_recv: (handle, id) => new RecvChannel(handle, id),
    wrap_send: (handle, id) => new SendChannel(handle, id),
  });
})
