calls = []


def v(x):
    calls.append(x)
    return x


print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0)
print(v(1) < v(2) < v(0) < v(5))
print(calls)
x = 5
print(0 <= x < 10, 0 < x == 5, x != 5 != 6)
print(1 == 1.0 == True, "a" < "b" < "c", [1, 2] < [1, 3] < [2])
print((1, 2) < (1, 2, 0), "abc" < "abd", "Z" < "a")
nothing = None
print(x is not nothing is not False, 2 in [1, 2] in [[1, 2]])
calls.clear()
print(v(3) > v(2) > v(1) and v(9))
calls
