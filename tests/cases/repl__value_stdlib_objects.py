# imports: fractions, datetime
from fractions import Fraction
from datetime import date

third = Fraction(1, 3)
print(third * 3, date(2024, 2, 29).isoformat())
# values that are not plain data: the repr must still match
(third + Fraction(1, 6), date(2024, 3, 1), range(2, 9, 3))
