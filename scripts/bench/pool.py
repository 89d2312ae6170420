"""CPython's side of the parallel figure of make bench: eight CPU-bound tasks (test-fixtures/bench/
pool_tasks.py's burn(2,000,000); bench/'s ParallelSpeedupBench runs 25 times as many iterations, as
its compiled loop is that much faster) on 1 and on 2 workers, and the speed-up of 2 over 1: for
CPython 3.13 subinterpreters on threads (one interpreter per worker thread) and for multiprocessing.Pool.
Also trivial tasks per second. Prints figures as JSON lines (figures.py).
Usage: pool.py [--quick]
"""
import multiprocessing as mp
import pathlib
import sys
import threading
import time

from figures import emit, run, system

# The tasks are the ones ParallelSpeedupBench and `runner bench pool` run: one file for both sides.
TASKS = pathlib.Path(__file__).resolve().parents[2] / "test-fixtures" / "bench" / "pool_tasks.py"
sys.path.insert(0, str(TASKS.parent))
from pool_tasks import burn, noop  # noqa: E402

QUICK = "--quick" in sys.argv
BURN = 20_000 if QUICK else 2_000_000
TASK_COUNT = 8
TRIVIAL = 50 if QUICK else 5000


def timed(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def emit_pool(name, trivial_per_s, one, two):
    emit("pool_trivial_tasks_per_s", name, round(trivial_per_s), "tasks/s")
    emit("eight_burns_ms", name, round(one * 1e3, 1), "ms", 1)
    emit("eight_burns_ms", name, round(two * 1e3, 1), "ms", 2)
    emit("speedup_2_over_1", name, round(one / two, 3), "x")


def bench_multiprocessing():
    with mp.Pool(2) as pool:
        [pool.apply(noop) for _ in range(50)]
        trivial = TRIVIAL / timed(lambda: [r.get() for r in [pool.apply_async(noop) for _ in range(TRIVIAL)]])
        pool.map(burn, [BURN] * 2)
        two = timed(lambda: pool.map(burn, [BURN] * TASK_COUNT, chunksize=1))
    with mp.Pool(1) as pool:
        pool.map(burn, [BURN])
        one = timed(lambda: pool.map(burn, [BURN] * TASK_COUNT, chunksize=1))
    emit_pool(system("multiprocessing.Pool"), trivial, one, two)


def bench_subinterpreters(interpreters):
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
    one = run(1, [f"burn({BURN})"] * TASK_COUNT)
    two = run(2, [f"burn({BURN})"] * TASK_COUNT)
    emit_pool(system("subinterpreters on threads"), trivial, one, two)


if __name__ == "__main__":
    run(lambda found: bench_subinterpreters(found.module), bench_multiprocessing)
