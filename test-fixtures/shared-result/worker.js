// The same worker in JavaScript: the host binds workerId and results.
results.put({ worker: workerId, square: workerId * workerId, language: "js" });
