"""Allocates short-lived lists and keeps nothing."""


def churn(rounds):
    total = 0
    for i in range(rounds):
        total += len([i] * 1000)
    return total
