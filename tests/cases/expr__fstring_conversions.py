class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"

    def __str__(self):
        return f"({self.x}, {self.y})"


p = Point(1, "two")
print(f"{p}")
print(f"{p!s}")
print(f"{p!r}")
print(f"{'héllo'!a}")
print(f"{'tab	x'!r}")
print(f"{'ü'!a} {'ü'!r} {'ü'!s}")
print(f"{p!r:>20}|")
print(repr("quote's"), repr('dq"'), repr("both'\""), ascii("日本"))
