print(len("hello"), len([1, 2]), len({}), len(range(10)), len(b"ab"), len({1, 1, 2}))
print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)))
r = range(1, 20, 4)
print(r, r[1], r[-1], len(r), r.index(9), r.count(5), 13 in r)
print(list(reversed(range(4))), range(6)[::2], range(3) == range(0, 3))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
print(sum(range(101)), max(range(7)), min(range(3, 9)))
