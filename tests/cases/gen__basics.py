def count_up(limit):
    print("start")
    n = 0
    while n < limit:
        yield n
        n += 1
    print("end")


g = count_up(3)
print(type(g).__name__)
print(next(g))
print(list(g))
print(next(g, "exhausted"))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.args)


def evens():
    for i in range(10):
        if i % 2 == 0:
            yield i


print(sum(evens()), max(evens()), list(zip(evens(), "abc")))
