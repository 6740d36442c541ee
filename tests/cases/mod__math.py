# imports: math
import math

print(math.pi, math.e, math.tau, math.inf, math.isnan(math.nan))
print(math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7))
print(math.gcd(48, 18), math.lcm(4, 6), math.factorial(12), math.comb(10, 3), math.perm(5, 2))
print(math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024), math.exp(0))
print(round(math.sin(math.pi / 6), 10), math.cos(0), round(math.atan2(1, 1), 6),
      math.degrees(math.pi))
print(math.hypot(3, 4), math.dist((0, 0), (6, 8)), math.fsum([0.1] * 10), math.prod([2, 3, 4]))
print(math.isclose(0.1 + 0.2, 0.3), math.isqrt(99), math.copysign(3, -0.0), math.fabs(-2))
print(math.modf(3.75), math.frexp(8.0), math.remainder(10, 3), math.isfinite(1e308))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
from math import floor, sqrt as root
print(floor(9.99), root(2))
