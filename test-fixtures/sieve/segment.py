# One segment [lo, hi) of the pipe-based parallel prime sieve. The host binds lo, hi, primes_in (the
# receiving end of a channel that brings every prime below lo, then None) and primes_out (the sending
# end of a channel to the host), then calls run().


def run():
    flags = bytearray([1]) * (hi - lo)
    # Zero the multiples of the primes found below this segment, as they arrive.
    while (p := primes_in.recv()) is not None:
        if p * p >= hi:
            continue
        first = max(p * p, (lo + p - 1) // p * p)
        flags[first - lo::p] = bytes(len(range(first, hi, p)))
    # What is left is prime, unless a prime of this very segment divides it: sieve those in order.
    count = 0
    for n in range(max(lo, 2), hi):
        if flags[n - lo]:
            count += 1
            primes_out.send_nowait(n)
            if n * n < hi:
                flags[n * n - lo::n] = bytes(len(range(n * n, hi, n)))
    primes_out.send_nowait(None)
    return count
