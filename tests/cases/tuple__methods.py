t = (3, 1, 4, 1, 5)
print(t.count(1), t.index(4), len(t), t[1:3], t + (9,), t * 2)
print(min(t), max(t), sum(t), sorted(t), tuple(reversed(t)))
single = (1,)
not_tuple = (1)
print(type(single).__name__, type(not_tuple).__name__, () == tuple())
a, b = divmod(17, 5)
print(a, b)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
nested = ([1], 2)
nested[0].append(3)
print(nested)
try:
    nested[0] += [4]
except TypeError as e:
    print("TypeError:", e)
print(nested, (1, 2) < (1, 3), (1, 2) == (1, 2), hash((1, 2)) == hash((1, 2)))
