a = [1, 2, 3]
b = a + [4]
c = a * 2
print(a, b, c, a == [1, 2, 3], a < [1, 2, 4], [] < [0])
grid = [[0] * 2] * 2
grid[0][0] = 9
print(grid)
good = [[0] * 2 for _ in range(2)]
good[0][0] = 9
print(good)
a[1] = "two"
print(a, a[-1], a[1:], list(reversed(a)))
print([1, [2, 3]][1][0], len([[]]), [None] * 3)
nested = [1, [2, [3]]]
shallow = nested[:]
shallow[1].append("x")
print(nested)
print(sorted([[2, 1], [1, 5], [1, 2]]), max([[1], [1, 0]]))
try:
    a[10] = 1
except IndexError as e:
    print("IndexError:", e)
a[-1]
