class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}

    def __getitem__(self, key):
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f"cell {key} out of range")
        return self.cells.get(key, ".")

    def __setitem__(self, key, value):
        self.cells[key] = value

    def __delitem__(self, key):
        del self.cells[key]


g = Grid(3, 2)
g[0, 1] = "#"
g[2, 0] = "@"
print("\n".join("".join(g[x, y] for x in range(3)) for y in range(2)))
del g[2, 0]
print(g[2, 0])
try:
    g[5, 5]
except IndexError as e:
    print("IndexError:", e)


class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * 10


print(list(Seq()), 20 in Seq(), Seq()[2])
