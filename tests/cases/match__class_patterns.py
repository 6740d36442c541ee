class Circle:
    __match_args__ = ("r",)

    def __init__(self, r):
        self.r = r


class Rect:
    def __init__(self, w, h):
        self.w, self.h = w, h


def area(shape):
    match shape:
        case Circle(0):
            return 0
        case Circle(r=r) if r < 0:
            raise ValueError("negative radius")
        case Circle(r):
            return round(3.14159 * r * r, 2)
        case Rect(w=w, h=h) if w == h:
            return f"square {w * h}"
        case Rect(w=w, h=h):
            return w * h
        case int(n) | float(n):
            return f"number {n}"
        case str() as s:
            return f"string {s!r}"
        case _:
            return "?"


for s in (Circle(0), Circle(2), Rect(3, 3), Rect(2, 5), 7, 1.5, "x", None):
    print(area(s))
try:
    match Rect(1, 2):
        case Rect(1, 2):
            pass
except TypeError as e:
    print("TypeError:", e)
