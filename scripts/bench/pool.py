"""CPython's side of the pool benchmark: the same figures as `runner bench pool`.

Trivial tasks per second (2 workers) and the speed-up of 2 workers over 1 on a CPU-bound task, for
CPython 3.13 subinterpreters driven by threads (one interpreter per worker thread) and for
multiprocessing.Pool. Prints one JSON object per line; the subinterpreter row needs 3.13+.
"""
import json
import multiprocessing as mp
import pathlib
import sys
import threading
import time

# The tasks are the ones `runner bench pool` runs: one file for both sides.
TASKS = pathlib.Path(__file__).resolve().parents[2] / "test-fixtures" / "bench" / "pool_tasks.py"
sys.path.insert(0, str(TASKS.parent))
from pool_tasks import burn, noop  # noqa: E402

BURN = 2_000_000
TRIVIAL = 5000


def timed(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def bench_multiprocessing():
    with mp.Pool(2) as pool:
        [pool.apply(noop) for _ in range(50)]
        trivial = TRIVIAL / timed(lambda: [r.get() for r in [pool.apply_async(noop) for _ in range(TRIVIAL)]])
        pool.map(burn, [BURN] * 2)
        two = timed(lambda: pool.map(burn, [BURN] * 8, chunksize=1))
    with mp.Pool(1) as pool:
        pool.map(burn, [BURN])
        one = timed(lambda: pool.map(burn, [BURN] * 8, chunksize=1))
    return {"trivial_tasks_per_s": round(trivial), "speedup_2_over_1": round(one / two, 2)}


def bench_subinterpreters():
    try:
        from test.support import interpreters
    except ImportError:
        return None
    source = TASKS.read_text()

    def run(workers, tasks):
        interps = [interpreters.create() for _ in range(workers)]
        for interp in interps:
            interp.exec(source)
        todo = list(tasks)
        lock = threading.Lock()

        def worker(interp):
            while True:
                with lock:
                    if not todo:
                        return
                    code = todo.pop()
                interp.exec(code)
        threads = [threading.Thread(target=worker, args=(i,)) for i in interps]
        elapsed = timed(lambda: ([t.start() for t in threads], [t.join() for t in threads]))
        for interp in interps:
            interp.close()
        return elapsed

    trivial = TRIVIAL / run(2, ["pass"] * TRIVIAL)
    one = run(1, [f"burn({BURN})"] * 8)
    two = run(2, [f"burn({BURN})"] * 8)
    return {"trivial_tasks_per_s": round(trivial), "speedup_2_over_1": round(one / two, 2)}


if __name__ == "__main__":
    version = "%d.%d" % sys.version_info[:2]
    sub = bench_subinterpreters()
    if sub is None:
        print(json.dumps({"system": f"CPython {version} subinterpreters", "skipped": "needs CPython 3.13+ (test.support.interpreters)"}))
    else:
        print(json.dumps({"system": f"CPython {version} subinterpreters on threads", **sub}))
    print(json.dumps({"system": f"CPython {version} multiprocessing.Pool", **bench_multiprocessing()}))
