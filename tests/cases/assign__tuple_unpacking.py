a, b = 1, 2
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = "xy"
print(f, g)
x = y = z = []
x.append(1)
print(y, z, x is z)
for i, (k, v) in enumerate({"p": 1, "q": 2}.items()):
    print(i, k, v)
try:
    p, q = [1, 2, 3]
except ValueError as err:
    print(err)
try:
    p, q, r = [1, 2]
except ValueError as err:
    print(err)
try:
    p, q = 5
except TypeError as err:
    print(err)
