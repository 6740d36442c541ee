print(2 in [1, 2, 3], 4 not in (1, 2), "ell" in "hello", "" in "abc")
print("a" in {"a": 1}, 1 in {"a": 1}, 3 in range(0, 10, 3), 4 in range(0, 10, 3))
print(10 ** 12 in range(10 ** 13), -1 in range(5))
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(None is None, type(None).__name__)
print([1] in [[1], [2]], (1, 2) in {(1, 2): "x"})
class Box:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
print(3 in Box([1, 2, 3]), 9 in Box([1]))
