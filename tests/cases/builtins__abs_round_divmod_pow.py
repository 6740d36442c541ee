print(abs(-5), abs(5.5), abs(-0.0), abs(True))
print(round(3.7), round(-3.5), round(4.5), round(5.5), type(round(2.5)).__name__)
print(round(2.675, 2), round(1.005, 2), round(123456, -2), round(7.0, 1))
print(divmod(9, 4), divmod(-9, 4), divmod(9, -4), divmod(7.5, 2), divmod(-7.5, 2))
print(pow(2, 10), pow(2, -2), pow(2, 10, 1000), pow(-2, 3), pow(4, 0.5))
print(pow(3, -1, 7), pow(10, 20, 7))
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(2 ** 0.5, 10 ** -2, 0 ** 0, (-8) ** (1 / 3))
