# Tasks for the pool benchmark (the same as in scripts/bench/pool.py for CPython).


def noop():
    return None


def burn(n):
    total = 0
    for i in range(n):
        total += i % 7
    return total
