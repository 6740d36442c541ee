a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a // b, -a % b, a // -b, a % -b)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2)
print(2 ** -1, (-2) ** 3, -2 ** 2, 2 ** 3 ** 2)
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3)
print(10 / 4, 10 // 4, 9 / 3, type(9 / 3).__name__)
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5))
print(True + True, True * 3, False - 1)
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, round(0.1 + 0.2, 10) == 0.3)
print(abs(-3), abs(-3.5), abs(3 + 4j))
a * b + 1
