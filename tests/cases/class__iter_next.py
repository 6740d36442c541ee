class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


print(list(Countdown(5)))
for n in Countdown(3):
    print(n, end=" ")
print()
print(sum(Countdown(4)), max(Countdown(6)), sorted(Countdown(3)))
it = Countdown(2)
print(next(it), next(it), next(it, "done"))


class Range2:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter(range(0, self.n, 2))


print(list(Range2(7)), [x * x for x in Range2(5)], 4 in Range2(5))
a, b, *c = Countdown(5)
print(a, b, c)
