# imports: functools
from functools import reduce, partial, lru_cache, wraps, cmp_to_key

print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], "init"))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError:", e)
power_of_two = partial(pow, 2)
print(power_of_two(10), partial(int, base=2)("1011"), partial(sorted, reverse=True)([2, 3, 1]))


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info().hits > 0, fib.cache_info().currsize)


def logged(fn):
    @wraps(fn)
    def wrapper(*args):
        return fn(*args)
    return wrapper


@logged
def area(w, h):
    """Area of a rectangle."""
    return w * h


print(area(3, 4), area.__name__, area.__doc__)
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
