# A CPU-bound pure-Python program for start-up and warm-up comparisons (runner exec vs python3):
# integer arithmetic, function calls, a list and a dict, no imports. About 5 s under CPython 3.13.
import sys


def collatz_length(n, cache):
    steps = 0
    start = n
    while n != 1 and n >= start:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps + (cache[n] if n < start else 0)


def longest_chain(limit):
    cache = [0] * limit
    best, best_n = 0, 1
    for n in range(2, limit):
        length = collatz_length(n, cache)
        cache[n] = length
        if length > best:
            best, best_n = length, n
    return best_n, best


rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 6
for _ in range(rounds):
    result = longest_chain(1_000_000)
print(result)
