values = [0.1, 1/3, 2/3, 1e16, 1e-7, 123456789.0, 1.5e300 * 1e10, -0.0, 100.0]
for v in values:
    print(v, repr(v), str(v))
print(1e16, 1e15, 12345678901234567890.0)
print(float("nan"), float("-inf"), float("inf") - float("inf"))
print(round(2.675, 2), round(0.5), round(1.5), round(2.5), round(-0.5))
print(format(3.14159, ".2f"), format(1234567.891, ",.2f"), format(0.25, ".0%"))
print(format(12345.6789, "e"), format(12345.6789, ".3g"), format(0.000012, "g"))
print("%.3f|%8.2f|%-8.2f|%e" % (2.5, 3.14159, 2.0, 1234.5))
print(float("1_000.5"), float(" 2.5 "), int(3.99), int(-3.99))
print((0.1).as_integer_ratio(), (2.5).is_integer(), 3.0.is_integer())
