a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
lst = [5, 3, 8, 1]
lst[0], lst[3] = lst[3], lst[0]
print(lst)
i = 0
lst[i], i = 99, 2
print(lst, i)
x, y = 0, 1
for _ in range(10):
    x, y = y, x + y
print(x, y)
