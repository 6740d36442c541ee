"""CPU bombs inside one C call: big-int arithmetic, math functions, decimal, hashing. A single
call like 10**10**8 runs for minutes without returning to the interpreter (ATTACK-SURFACE.md §3a),
so only a cost pre-check can stop it; the result of most of them fits in memory, so "ops" (the
cost charged up front) is the right limit."""
from __future__ import annotations

import pytest

import safeexec

from .harness import SMALL, assert_bounded, assert_limit, case, params, skip_if_refused

MATH = ("math",)
#: refused before any work: a short deadline keeps a failure cheap
FAST = safeexec.Limits(timeout=1.0, max_memory=64 * 2**20, max_ops=2 * 10**5)

def big(id, code, kinds="ops", imports=(), bug=None):
    return case(id, code, kinds, imports, FAST, bug)


BIGINT = [
    # 10**10**7 took 6.7 s; the 41 MB result of 10**10**8 barely fits the 64 MiB limit
    big("pow_10_10_8", "10 ** 10 ** 8", ("ops", "memory")),
    big("pow_3_big", "x = 3 ** (2 * 10**7)", ("ops", "memory")),
    big("pow_inplace", "x = 7\nx **= 10**7", ("ops", "memory")),
    # x * x with 10**7-bit operands: 2.8 s; 3 * 10**7 bits: ~16 s
    big("square_dense", "x = (1 << 3 * 10**7) - 1\ny = x * x", "ops"),
    big("multiply_lopsided", "x = (1 << 5 * 10**7) - 1\ny = (1 << 10**6) - 1\nz = x * y", "ops"),
    # division is quadratic in 3.11: (1 << 10**8) // ((1 << 10**7) + 1) > 11 s
    big("floordiv", "(1 << 10**8) // ((1 << 10**7) + 1)", "ops"),
    big("modulo", "(1 << 10**8) % ((1 << 10**7) + 1)", "ops"),
    big("modulo_inplace", "x = 1 << 10**8\nx %= (1 << 10**7) + 1", "ops"),
    big("floordiv_inplace", "x = 1 << 10**8\nx //= (1 << 10**7) + 1", "ops"),
    big("divmod", "divmod(1 << 10**8, (1 << 10**7) + 1)", "ops"),
    big("pow_mod", "pow(3, 1 << 10**8, (1 << 4000) + 1)", "ops"),
    big("pow_mod_keywords", "pow(base=3, exp=(1 << 10**6) - 1, mod=(1 << 40000) + 1)", "ops"),
    # math: factorial(10**6) 4.7 s, comb(10**6, 5 * 10**5) 5.8 s, isqrt of 10**7 bits 18.7 s
    big("factorial", "import math\nmath.factorial(10**6)", "ops", MATH),
    big("comb", "import math\nmath.comb(10**6, 5 * 10**5)", "ops", MATH),
    big("comb_huge_n", "import math\nmath.comb(10**100, 10**5)", ("ops", "memory"), MATH),
    big("perm", "import math\nmath.perm(3 * 10**6)", ("ops", "memory"), MATH),
    big("isqrt", "import math\nmath.isqrt((1 << 10**7) - 1)", "ops", MATH),
    # few items (metering them is cheap) but a product of 10**5 x 20 bits, built quadratically
    big("prod_range", "import math\nmath.prod(range(10**6, 10**6 + 10**5))", "ops", MATH),
    big("prod_list", "import math\nmath.prod(list(range(1, 10**5)) * 3)", "ops", MATH),
]

# Rows of §3a where the defence may be a cap (an error), a hidden name or a limit: whatever it
# is, the run must end within the deadline and the memory budget, and never crash the host.
WRAPPED = [
    case("decimal_ln_high_precision", "import decimal\nc = decimal.Context(prec=20000)\n"
         "c.ln(decimal.Decimal(2))", imports="decimal"),
    case("decimal_getcontext_prec", "import decimal\ndecimal.getcontext().prec = 10**5\n"
         "decimal.Decimal(2).sqrt()", imports="decimal"),
    case("decimal_divide_max_prec", "import decimal\nc = decimal.Context(prec=10**8)\n"
         "c.divide(decimal.Decimal(1), decimal.Decimal(3))", imports="decimal"),
    case("decimal_to_int", "import decimal\nint(decimal.Decimal('1e1000000000'))",
         imports="decimal"),
    case("decimal_floor", "import decimal, math\nmath.floor(decimal.Decimal('1e1000000000'))",
         imports=("decimal", "math")),
    case("decimal_format_f", "import decimal\nformat(decimal.Decimal('1e1000000000'), 'f')",
         imports="decimal"),
    case("decimal_integer_ratio",
         "import decimal\ndecimal.Decimal('1e100000000').as_integer_ratio()", imports="decimal"),
    case("fraction_from_str", "import fractions\nfractions.Fraction('1e100000000')",
         imports="fractions"),
    case("statistics_mean_decimal", "import decimal, statistics\n"
         "statistics.mean([decimal.Decimal('1e100000000')])", imports=("decimal", "statistics")),
    case("pbkdf2", "import hashlib\nhashlib.pbkdf2_hmac('sha256', b'p', b's', 10**9)",
         imports="hashlib"),
    case("scrypt", "import hashlib\nhashlib.scrypt(b'p', salt=b's', n=2**20, r=15, p=1, "
         "maxmem=2**31 - 2)", imports="hashlib"),
]


@pytest.mark.parametrize("c", params(BIGINT))
def test_big_int_work_is_charged_before_it_runs(c):
    outcome = c.run()
    for module in c.imports:
        skip_if_refused(outcome, module)
    assert_limit(outcome, c.limits, c.kinds)


@pytest.mark.parametrize("c", params(WRAPPED))
def test_uninterruptible_library_call_ends_in_time(c):
    outcome = c.run()
    for module in c.imports:
        skip_if_refused(outcome, module)
    assert_bounded(outcome, c.limits)
    assert outcome.kind in ("LimitExceeded", "CodeError", "PolicyViolation"), str(outcome)


def test_int_str_conversion_limit_stays_in_force():
    # CPython 3.11 refuses int<->str conversions of more than 4300 digits (quadratic otherwise);
    # the sandbox must not lift it. Expected error text is CPython's.
    for code in ("str(10**5000)", "int('1' * 5000)", "f'{10**5000}'"):
        outcome = case("int_str", code).run()
        assert_bounded(outcome, SMALL)
        assert outcome.kind == "CodeError" and outcome.exc_type == "ValueError", str(outcome)
        assert "Exceeds the limit (4300 digits)" in outcome.message, str(outcome)
