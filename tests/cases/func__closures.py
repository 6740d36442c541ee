def make_counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(5), c2())


def make_multipliers():
    return [lambda x, i=i: x * i for i in range(4)]


print([m(10) for m in make_multipliers()])


def outer():
    x = "outer"

    def middle():
        def inner():
            return x
        return inner()

    x = "changed"
    return middle()


print(outer())

