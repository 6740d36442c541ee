a = [1, 2]
b = (3, 4)
s = {5, 6}
print([*a, *b, 0])
print((*a, *b))
print(sorted({*a, *s, 1}))
d1 = {"x": 1, "y": 2}
d2 = {"y": 20, "z": 30}
print({**d1, **d2})
print({**d2, **d1, "w": 0})
print([*range(3), *"ab"])
first, *rest = [*a, *b]
print(first, rest)
print(*a, *b, sep="-")
print({*()}, [*[]], {**{}})
