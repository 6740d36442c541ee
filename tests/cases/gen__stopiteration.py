def bad():
    yield 1
    raise StopIteration("inside")


try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e)


def returns_value():
    yield 1
    return 99


g = returns_value()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value:", e.value, e.args)
it = iter([1])
print(next(it), next(it, None))
try:
    next(iter([]))
except StopIteration as e:
    print("empty StopIteration", repr(e))
