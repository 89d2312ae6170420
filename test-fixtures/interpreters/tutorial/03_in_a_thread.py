# Run in a thread: call_in_thread() returns a started thread; exec() blocks only its own thread.
import threading
from concurrent import interpreters

results = interpreters.create_queue()
workers = [interpreters.create() for _ in range(3)]
for n, interp in enumerate(workers):
    interp.prepare_main(results=results, n=n)
    interp.exec("def work():\n    results.put((n, sum(range(10 ** 5 * (n + 1)))))")
threads = [interp.call_in_thread("work") for interp in workers]
for thread in threads:
    thread.join()
print(sorted(results.get() for _ in workers))
print(all(isinstance(t, threading.Thread) for t in threads))
for interp in workers:
    interp.close()
