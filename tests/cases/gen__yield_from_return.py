def inner():
    yield 1
    yield 2
    return "inner result"


def outer():
    result = yield from inner()
    print("inner returned:", result)
    yield from [10, 20]
    yield from "ab"
    return "outer done"


g = outer()
print(list(g))


def chain(*iterables):
    for it in iterables:
        yield from it


print(list(chain([1], (2, 3), range(4, 6))))


def collect():
    r = yield from outer()
    yield r


print(list(collect()))
