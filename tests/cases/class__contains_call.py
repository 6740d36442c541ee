class EvenNumbers:
    def __contains__(self, n):
        return isinstance(n, int) and n % 2 == 0


evens = EvenNumbers()
print(4 in evens, 3 in evens, "x" in evens, 3 not in evens)


class Multiplier:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, x, *more):
        return [v * self.factor for v in (x,) + more]


triple = Multiplier(3)
print(triple(2), triple(1, 2, 3), callable(triple), callable(evens))
print(list(map(Multiplier(10), [1, 2])))
try:
    evens(1)
except TypeError as e:
    print("TypeError:", e)
