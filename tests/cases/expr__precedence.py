print(2 + 3 * 4 ** 2 // 5 % 7)
print(-3 ** 2, (-3) ** 2, not 1 + 1 == 2, not (1 + 1 == 3))
print(1 | 2 ^ 3 & 4, (1 | 2) ^ (3 & 4))
print(1 + 2 << 3, 1 + (2 << 3), 8 >> 1 + 1)
print(True or False and False, (True or False) and False)
print(3 < 4 == True, (3 < 4) == True)
print(- - 5, + - 5, ~ - 5, not not 0)
x = 2
print(x * -1, x ** -1, 2 * 3 % 4, 2 * (3 % 4))
f = lambda: 0 if x else 1
print(f(), 1 if x else 2 if x > 5 else 3, [1, 2][x - 2 if x else 1])
