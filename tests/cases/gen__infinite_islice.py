# imports: itertools
from itertools import islice, count, takewhile


def naturals():
    n = 1
    while True:
        yield n
        n += 1


def primes():
    found = []
    for n in count(2):
        if all(n % p for p in found):
            found.append(n)
            yield n


print(list(islice(naturals(), 5)))
print(list(islice(primes(), 15)))
print(list(islice(naturals(), 10, 20, 3)))
print(list(takewhile(lambda v: v < 30, (n * n for n in naturals()))))


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


print([v for _, v in zip(range(12), fib())])
