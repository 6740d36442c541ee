first, *middle, last = range(6)
print(first, middle, last)
*init, tail = "abc"
print(init, tail)
head, *rest = [1]
print(head, rest)
a, *b, c, d = (1, 2, 3)
print(a, b, c, d)
(x, *ys), z = [1, 2, 3], 4
print(x, ys, z)
for n, *others in [(1, 2, 3), (4,)]:
    print(n, others)
try:
    a, *b, c = [1]
except ValueError as err:
    print(err)
[*everything] = (7, 8)
print(everything)
