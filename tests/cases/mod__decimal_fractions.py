# imports: decimal, fractions
from decimal import Decimal, ROUND_HALF_UP, ROUND_DOWN, InvalidOperation
from fractions import Fraction

print(Decimal("0.1") + Decimal("0.2"), Decimal("0.1") + Decimal("0.2") == Decimal("0.3"))
print(Decimal("1.10") * 3, Decimal(10) / Decimal(4), Decimal("7") // 2, -Decimal("7") % 3)
price = Decimal("2.675")
print(price.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
      price.quantize(Decimal("0.1"), rounding=ROUND_DOWN))
print(repr(Decimal("3.14")), str(Decimal("1e3")), Decimal("1.500").normalize(), Decimal(0.5))
print(sorted([Decimal("1.5"), Decimal("0.25"), Decimal("1")]), sum([Decimal("0.1")] * 3))
try:
    Decimal("abc")
except InvalidOperation as e:
    print("InvalidOperation", type(e).__name__)
f = Fraction(3, 4)
print(f, f + Fraction(1, 4), f * 2, f / 3, Fraction("0.125"), Fraction(0.5), repr(f))
print(Fraction(1, 3) + Fraction(1, 6), float(Fraction(7, 8)), Fraction(10, 4).numerator)
print(Fraction(355, 113).limit_denominator(10), Fraction(1, 3) < 0.34,
      sum(Fraction(1, n) for n in (2, 3, 6)))
try:
    Fraction(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
