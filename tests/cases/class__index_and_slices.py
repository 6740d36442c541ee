class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class Recorder:
    def __getitem__(self, key):
        return repr(key)


items = ["a", "b", "c", "d"]
print(items[Idx(2)], items[Idx(0):Idx(2)], "xyz"[Idx(1)], range(10)[Idx(3)])
print(hex(Idx(255)), bin(Idx(5)), [0] * Idx(3))
r = Recorder()
print(r[1], r[1:2], r[::2], r[1, 2], r[1:2, ::3], r[...], r["k"])
try:
    items[1.0]
except TypeError as e:
    print("TypeError:", e)
