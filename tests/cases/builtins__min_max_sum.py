print(min(3, 1, 2), max([4, 9, 2]), min("hello"), max("apple", "banana", key=len))
print(max([], default="empty"), min((), default=None), max([5], default=0))
print(min([("b", 2), ("a", 3)]), max([("b", 2), ("a", 3)], key=lambda t: t[1]))
print(max([1, 3, 3, 2], key=lambda v: v % 3))
try:
    min()
except TypeError as e:
    print("TypeError:", e)
print(sum([1, 2, 3]), sum([0.5] * 10), sum([[1], [2]], []), sum((), 5), sum(range(5), start=10))
print(sum([1.5, 2, True]))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
print(any([0, "", 3]), all([1, "x", [0]]), any(x > 5 for x in range(3)), all([]))
