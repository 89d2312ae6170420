# multiprocessing's shared-list example, over a queue: every worker interpreter adds its own record to
# the result the host collects. The host binds worker_id and results.
results.put({"worker": worker_id, "square": worker_id * worker_id, "language": "python"})
