data = [3, 8, 1, 12, 7]
if (n := len(data)) > 3:
    print(f"long list: {n}")
big = [y for x in data if (y := x * 2) > 10]
print(big, y)
total = 0
it = iter(data)
while (item := next(it, None)) is not None:
    total += item
print(total)
print((z := 5) + z)


def f():
    [last := i for i in range(4)]
    return last


print(f())
print([(a := 1), a + 1])
