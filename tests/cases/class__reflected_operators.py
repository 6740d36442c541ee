class Meters:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        if isinstance(other, Meters):
            return Meters(self.v + other.v)
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented

    def __lt__(self, other):
        return self.v < other.v

    def __eq__(self, other):
        return isinstance(other, Meters) and self.v == other.v

    def __repr__(self):
        return f"{self.v}m"


a, b = Meters(3), Meters(5)
print(a + b, sum([a, b]), b > a, a > b, a == Meters(3), a != b, a == 3)
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "x" + a
except TypeError as e:
    print("TypeError:", e)
print(sorted([b, a, Meters(4)]), max(a, b))
