def show(**kwargs):
    return list(kwargs)


print(show(z=1, a=2, m=3), show(**{"b": 1}, a=2))
LIMIT = 10


def clamp(v, hi=LIMIT):
    return min(v, hi)


LIMIT = 99
print(clamp(50), clamp(50, 20))


def gather(first, *rest, last="L", **extra):
    return first, rest, last, extra


print(gather(*"abc", last="Z", **{"k": 1}))
print(gather(1, *(2, 3), *[4], k=5, **{"j": 6}))
gen = (i for i in range(3))
print(gather(*gen), list(gen))
try:
    gather(1, **{"first": 2})
except TypeError as e:
    print("TypeError:", e)
