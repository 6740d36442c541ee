"""Unit tests of safeexec/interp/sizes.py with a real Meter.

What is checked against CPython itself: each estimate covers the memory CPython really
allocates for the same operation (sys.getsizeof of the real result) without overshooting it
wildly; each charged cost is within a broad factor of the real time; an argument CPython
refuses with its own error is left to CPython; small operands cost nothing.
"""
from __future__ import annotations

import datetime
import math
import sys
import time
from decimal import Decimal

import pytest

from safeexec.interp import sizes
from safeexec.interp.meter import LimitHit, Meter
from safeexec.limits import Limits

MiB = 2**20


def meter(**limits) -> Meter:
    values = {"timeout": 600.0, "max_memory": 2**40, "max_ops": 10**15}
    values.update(limits)
    return Meter(Limits(**values))


def tripped(check, m: Meter):
    """The limit `check(m)` trips, or None."""
    try:
        check(m)
    except LimitHit as hit:
        return hit.limit
    return None


def binop(op, a, b):
    return lambda m: sizes.check_binop(op, a, b, m)


def call(func, *args, **kwargs):
    return lambda m: sizes.check_call(func, args, kwargs, m)


def spec(value, format_spec):
    return lambda m: sizes.check_format_spec(value, format_spec, m)


# -- small operands: no charge, no trip -------------------------------------------------------

SMALL_OPERATIONS = [
    binop("Add", 1, 2), binop("Add", 1.5, 2), binop("Add", "ab", "cd"), binop("Add", [1], [2]),
    binop("Add", (1,), (2,)), binop("Add", b"a", bytearray(b"b")), binop("Mult", 3, 4),
    binop("Mult", "ab", 3), binop("Mult", 3, [0]), binop("Mult", 2.5, 4), binop("Mult", True, "x"),
    binop("Pow", 2, 10), binop("Pow", 10, 100), binop("Pow", 2.0, 1000), binop("Pow", 7, -3),
    binop("Pow", 1, 10**100), binop("Pow", -1, 10**100), binop("Pow", 0, 10**100),
    binop("LShift", 1, 100), binop("LShift", 0, 10**20), binop("Mod", 7, 3),
    binop("Mod", "%s=%d", ("a", 1)), binop("Mod", "%5.2f", 1.0), binop("Mod", b"%d", 5),
    binop("FloorDiv", 10**100, 7), binop("In", 3, [1, 2, 3]), binop("In", 5, range(10**12)),
    binop("In", 5.0, range(10**12)), binop("NotIn", "a", "abc"), binop("BitOr", 10**9, 1),
    spec(1.5, ".2f"), spec(1, ">10"), spec("x", "^20"), spec(1234567, ",d"), spec(1.5, "e"),
    spec(Decimal("1.5"), ".3f"), call(len, [1]), call([].append, 1), call("a".upper),
    call("a".ljust, 10), call("a".center, 9, "*"), call("{} {}".format, 1, 2),
    call("{:>10}".format, 1), call(bytes, 10), call(bytes, b"abc"), call(bytearray, 100),
    call(pow, 2, 10), call(pow, 3, 10**9, 7), call(format, 1.5, ".3f"), call(round, 1.5),
    call(round, 12345, -2), call(math.factorial, 100), call(math.comb, 100, 50),
    call(sum, [[1], [2]], []), call("ab".replace, "a", "xyz"), call(",".join, ["a", "b"]),
    call((5).to_bytes, 2, "big"), call("\t".expandtabs, 4), call(max, [1, 2]),
]


@pytest.mark.parametrize("check", SMALL_OPERATIONS)
def test_small_operations_are_free(check):
    m = meter(max_memory=1, max_ops=1)          # any charge or allocation check would trip
    assert tripped(check, m) is None
    assert m.ops == 0


# -- estimates cover what CPython allocates ----------------------------------------------------

class Row:
    """An operation as a pre-check and as the real CPython computation."""

    def __init__(self, name, check, produce):
        self.name, self.check, self.produce = name, check, produce

    def __repr__(self):
        return self.name


def row(name, check, produce):
    return pytest.param(Row(name, check, produce), id=name)


TWO_M = 2 * 10**6
ALLOCATIONS = [
    row("str_repeat", binop("Mult", "a", TWO_M), lambda: "a" * TWO_M),
    row("str_repeat_ucs2", binop("Mult", "\u20ac", 10**6), lambda: "\u20ac" * 10**6),
    row("str_repeat_ucs4", binop("Mult", "\U0001f600", 10**6), lambda: "\U0001f600" * 10**6),
    row("int_times_list", binop("Mult", 10**6, [0]), lambda: 10**6 * [0]),
    row("tuple_repeat", binop("Mult", (0,), 10**6), lambda: (0,) * 10**6),
    row("bytes_repeat", binop("Mult", b"x", TWO_M), lambda: b"x" * TWO_M),
    row("bytearray_repeat", binop("Mult", bytearray(b"x"), TWO_M),
        lambda: bytearray(b"x") * TWO_M),
    row("str_concat", binop("Add", "a" * 10**6, "b" * 10**6), lambda: "a" * 10**6 + "b" * 10**6),
    row("list_concat", binop("Add", [0] * 10**6, [1] * 10**6), lambda: [0] * 10**6 + [1] * 10**6),
    row("pow_2", binop("Pow", 2, 2 * 10**7), lambda: 2 ** (2 * 10**7)),
    row("pow_3", binop("Pow", 3, 10**6), lambda: 3 ** 10**6),
    row("lshift", binop("LShift", 1, 2 * 10**7), lambda: 1 << 2 * 10**7),
    row("percent_star", binop("Mod", "%*d", (TWO_M, 1)), lambda: "%*d" % (TWO_M, 1)),
    row("percent_precision", binop("Mod", "%.*f", (10**6, 1.0)), lambda: "%.*f" % (10**6, 1.0)),
    row("percent_digits", binop("Mod", "%2000000d", 1), lambda: "%2000000d" % 1),
    row("bytes_percent", binop("Mod", b"%*d", (TWO_M, 1)), lambda: b"%*d" % (TWO_M, 1)),
    row("spec_int_width", spec(1, "2000000"), lambda: format(1, "2000000")),
    row("spec_str_width", spec("x", ">2000000"), lambda: format("x", ">2000000")),
    row("spec_wide_fill", spec("x", "\u20ac^1000000"), lambda: format("x", "\u20ac^1000000")),
    row("spec_float_precision", spec(1.5, ".1000000f"), lambda: format(1.5, ".1000000f")),
    row("spec_decimal_exponent", spec(Decimal("1e1000000"), "f"),
        lambda: format(Decimal("1e1000000"), "f")),
    row("format_builtin", call(format, 1, "2000000"), lambda: format(1, "2000000")),
    row("str_format", call("{:2000000}".format, 1), lambda: "{:2000000}".format(1)),
    row("str_format_nested", call("{:{}}".format, 1, TWO_M), lambda: "{:{}}".format(1, TWO_M)),
    row("str_format_indexed", call("{0:>{1}}".format, "a", TWO_M),
        lambda: "{0:>{1}}".format("a", TWO_M)),
    row("str_format_keyword", call("{x:2000000}".format, x=1), lambda: "{x:2000000}".format(x=1)),
    row("str_format_map", call("{x:2000000}".format_map, {"x": 1}),
        lambda: "{x:2000000}".format_map({"x": 1})),
    row("str_format_fields", call(("{:9999}" * 200).format, *range(200)),
        lambda: ("{:9999}" * 200).format(*range(200))),
    row("ljust", call("a".ljust, TWO_M), lambda: "a".ljust(TWO_M)),
    row("rjust_unbound", call(str.rjust, "a", TWO_M), lambda: str.rjust("a", TWO_M)),
    row("center_fill", call("a".center, 10**6, "\u20ac"), lambda: "a".center(10**6, "\u20ac")),
    row("zfill", call("1".zfill, TWO_M), lambda: "1".zfill(TWO_M)),
    row("bytes_ljust", call(b"a".ljust, TWO_M), lambda: b"a".ljust(TWO_M)),
    row("expandtabs", call(("\t" * 1000).expandtabs, 2000), lambda: ("\t" * 1000).expandtabs(2000)),
    row("expandtabs_keyword", call(("\t" * 1000).expandtabs, tabsize=2000),
        lambda: ("\t" * 1000).expandtabs(tabsize=2000)),
    row("replace_empty", call(("a" * 1000).replace, "", "b" * 1000),
        lambda: ("a" * 1000).replace("", "b" * 1000)),
    row("replace_growth", call(("ab" * 1000).replace, "a", "x" * 1000),
        lambda: ("ab" * 1000).replace("a", "x" * 1000)),
    row("bytes_replace", call((b"a" * 1000).replace, b"", b"b" * 1000),
        lambda: (b"a" * 1000).replace(b"", b"b" * 1000)),
    row("join_str", call(("x" * 1000).join, "a" * 2000), lambda: ("x" * 1000).join("a" * 2000)),
    row("join_list", call("".join, ["a" * 10**4] * 200), lambda: "".join(["a" * 10**4] * 200)),
    row("join_tuple_sep", call("-".join, ("ab",) * 10**6), lambda: "-".join(("ab",) * 10**6)),
    row("bytes_join", call(b"".join, [b"a" * 10**4] * 200), lambda: b"".join([b"a" * 10**4] * 200)),
    row("translate", call(("a" * 1000).translate, {97: "b" * 2000}),
        lambda: ("a" * 1000).translate({97: "b" * 2000})),
    row("to_bytes", call((0).to_bytes, TWO_M, "big"), lambda: (0).to_bytes(TWO_M, "big")),
    row("to_bytes_unbound", call(int.to_bytes, 0, TWO_M, "big"),
        lambda: int.to_bytes(0, TWO_M, "big")),
    row("bytes_n", call(bytes, TWO_M), lambda: bytes(TWO_M)),
    row("bytearray_n", call(bytearray, TWO_M), lambda: bytearray(TWO_M)),
    row("pow_builtin", call(pow, 2, 2 * 10**7), lambda: pow(2, 2 * 10**7)),
    row("factorial", call(math.factorial, 10**5), lambda: math.factorial(10**5)),
    row("list_extend", call(([0] * 10**6).extend, [1] * 10**6),
        lambda: [0] * 10**6 + [1] * 10**6),
    row("bytes_hex", call((b"a" * 10**6).hex, ":"), lambda: (b"a" * 10**6).hex(":")),
]


@pytest.mark.parametrize("op", ALLOCATIONS)
def test_estimate_covers_the_real_allocation(op):
    real = sys.getsizeof(op.produce())
    # below 90% of what CPython really allocates: the pre-check must refuse
    assert tripped(op.check, meter(max_memory=int(real * 0.9))) == "memory"
    # with room for three times the real size (plus resident-set noise) it must not
    assert tripped(op.check, meter(max_memory=3 * real + 8 * MiB)) is None


def test_wide_strings_count_their_width():
    # '\u20ac' * n takes 2n bytes in CPython and '\U0001f600' * n 4n: an ASCII estimate would
    # let a 4x larger string through
    narrow = sys.getsizeof("a" * 10**6)
    assert tripped(binop("Mult", "\U0001f600", 10**6), meter(max_memory=2 * narrow)) == "memory"
    assert tripped(binop("Mult", "a", 10**6), meter(max_memory=2 * narrow)) is None


# -- costs follow CPython's time ---------------------------------------------------------------

def _x(bits):
    return (1 << bits) - 1                      # dense: every digit non-zero


COSTS = [
    row("square_10e6_bits", binop("Mult", _x(10**6), _x(10**6)), lambda: _x(10**6) * _x(10**6)),
    row("lopsided_mul", binop("Mult", _x(4 * 10**6), _x(10**4)), lambda: _x(4 * 10**6) * _x(10**4)),
    row("pow_3", binop("Pow", 3, 10**6), lambda: 3 ** 10**6),
    row("floordiv", binop("FloorDiv", _x(6 * 10**5), _x(3 * 10**5)),
        lambda: _x(6 * 10**5) // _x(3 * 10**5)),
    row("modulo", binop("Mod", _x(10**6), _x(10**5)), lambda: _x(10**6) % _x(10**5)),
    row("pow_mod", call(pow, 3, _x(3000), _x(4000)), lambda: pow(3, _x(3000), _x(4000))),
    row("factorial", call(math.factorial, 5 * 10**4), lambda: math.factorial(5 * 10**4)),
    row("comb", call(math.comb, 10**5, 5 * 10**4), lambda: math.comb(10**5, 5 * 10**4)),
    row("perm", call(math.perm, 10**6, 10**4), lambda: math.perm(10**6, 10**4)),
    row("isqrt", call(math.isqrt, _x(6 * 10**5)), lambda: math.isqrt(_x(6 * 10**5))),
    row("prod_range", call(math.prod, range(1, 3 * 10**4)), lambda: math.prod(range(1, 3 * 10**4))),
    row("sum_lists", call(sum, [[0] * 10] * 2000, []), lambda: sum([[0] * 10] * 2000, [])),
    row("round_negative", call(round, 1, -10**5), lambda: round(1, -10**5)),
    row("range_contains_float", binop("In", 0.5, range(10**6)), lambda: 0.5 in range(10**6)),
]


@pytest.mark.parametrize("op", COSTS)
def test_charge_is_within_a_broad_factor_of_the_real_time(op):
    m = meter()
    op.check(m)
    charged = m.ops * sizes.NS_PER_OP * 1e-9
    real = min(_timed(op.produce) for _ in range(2))
    # a model off by the wrong complexity class misses these bounds by orders of magnitude
    assert charged >= real / 10, f"charged {charged:.4f} s for {real:.4f} s of C work"
    assert charged <= max(real, 0.001) * 60, f"charged {charged:.4f} s for {real:.4f} s of C work"


def _timed(fn) -> float:
    """CPU seconds of `fn` (not wall time, which a loaded machine inflates)."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def test_charges_are_deterministic():
    first, second = meter(), meter()
    for m in (first, second):
        sizes.check_binop("Mult", "a", 10**6, m)
        sizes.check_binop("Pow", 3, 10**5, m)
        sizes.check_call(math.factorial, (3 * 10**4,), {}, m)
    assert first.ops == second.ops > 0


# -- the attacks of ATTACK-SURFACE.md §3 trip the right limit -----------------------------------

ATTACKS = [
    ("str_repeat", binop("Mult", "a", 3 * 10**9), "memory"),
    ("list_repeat", binop("Mult", [0], 10**9), "memory"),
    ("pow_2", binop("Pow", 2, 10**11), "memory"),
    ("lshift", binop("LShift", 1, 10**11), "memory"),
    ("pow_10_10_8", binop("Pow", 10, 10**8), ("memory", "ops")),
    ("square", binop("Mult", _x(10**9 // 64), _x(10**9 // 64)), "ops"),
    ("floordiv", binop("FloorDiv", 1 << 10**8, (1 << 10**7) + 1), "ops"),
    ("modulo", binop("Mod", 1 << 10**8, (1 << 10**7) + 1), "ops"),
    ("divmod", call(divmod, 1 << 10**8, (1 << 10**7) + 1), "ops"),
    ("pow_mod", call(pow, 3, 1 << 10**8, (1 << 4000) + 1), "ops"),
    ("pow_mod_keywords", call(pow, base=3, exp=1 << 10**8, mod=(1 << 4000) + 1), "ops"),
    ("pow_mod_inverse", call(pow, 3, -1, _x(3 * 10**6)), "ops"),
    ("factorial", call(math.factorial, 10**6), "ops"),
    ("comb", call(math.comb, 10**6, 5 * 10**5), "ops"),
    ("perm", call(math.perm, 3 * 10**6), "ops"),
    ("isqrt", call(math.isqrt, _x(10**7)), "ops"),
    ("prod", call(math.prod, range(1, 10**6)), "ops"),
    ("sum_lists", call(sum, [[0]] * 10**6, []), "ops"),
    ("round", call(round, 1, -10**30), "memory"),
    ("range_contains", binop("In", 0.5, range(10**12)), "ops"),
    ("ljust", call("a".ljust, 3 * 10**9), "memory"),
    ("center_unbound", call(str.center, "a", 3 * 10**9), "memory"),
    ("zfill", call("1".zfill, 3 * 10**9), "memory"),
    ("expandtabs", call(("\t" * 2).expandtabs, 2**31 - 1), "memory"),
    ("fstring_width", spec(1, str(3 * 10**9)), "memory"),
    ("format_precision", call(format, 1.0, ".2000000000f"), "memory"),
    ("str_format", call("{:3000000000}".format, 1), "memory"),
    ("str_format_nested", call("{:{}}".format, 1, 3 * 10**9), "memory"),
    ("percent_width", binop("Mod", "%3000000000d", 1), "memory"),
    ("percent_star", binop("Mod", "%*d", (3 * 10**9, 1)), "memory"),
    ("percent_precision", binop("Mod", "%.2000000000f", 1.0), "memory"),
    ("replace", call(("a" * 10**5).replace, "", "b" * 10**5), "memory"),
    ("join", call(("x" * 10**6).join, "a" * 10**4), "memory"),
    ("translate", call(("a" * 10**4).translate, {97: "b" * 10**6}), "memory"),
    ("to_bytes", call((0).to_bytes, 3 * 10**9, "big"), "memory"),
    ("bytearray", call(bytearray, 3 * 10**9), "memory"),
    ("bytes", call(bytes, 3 * 10**9), "memory"),
    ("bytes_keyword", call(bytes, source=3 * 10**9), "memory"),
]


@pytest.mark.parametrize("check, kind", [(c, k) for _, c, k in ATTACKS],
                         ids=[a[0] for a in ATTACKS])
def test_attack_trips_the_right_limit(check, kind):
    m = meter(max_memory=64 * MiB, max_ops=10**6)
    kinds = (kind,) if isinstance(kind, str) else kind
    start = time.process_time()
    assert tripped(check, m) in kinds
    assert time.process_time() - start < 0.5    # the pre-check itself is cheap


def test_work_that_would_outlast_the_deadline_trips_time():
    # ops are plentiful but the estimated 16 s of C work cannot fit a 50 ms deadline
    m = meter(timeout=0.05)
    assert tripped(binop("Mult", _x(3 * 10**7), _x(3 * 10**7)), m) == "time"


def test_a_trip_is_recorded_on_the_meter():
    # the meter re-raises a recorded trip at its next poll, whatever limit is checked there
    m = meter(max_memory=64 * MiB)
    assert tripped(binop("Mult", "a", 10**10), m) == "memory"
    assert m.tripped is not None and m.tripped.limit == "memory"
    assert tripped(lambda m: m.poll(), m) == "memory"


# -- where CPython raises its own error, the pre-check stays out of the way --------------------

CPYTHON_REFUSES = [
    ("repeat_beyond_ssize_t", binop("Mult", "a", 10**30), lambda: "a" * 10**30, OverflowError),
    ("list_repeat_overflow", binop("Mult", [0, 0], 2**62), lambda: [0, 0] * 2**62, MemoryError),
    ("width_too_many_digits", spec(1, "9" * 19), lambda: format(1, "9" * 19), ValueError),
    ("precision_too_big", spec(1.0, ".3000000000f"), lambda: format(1.0, ".3000000000f"),
     ValueError),
    ("int_precision", spec(1, ".3000000000"), lambda: format(1, ".3000000000"), ValueError),
    ("percent_star_overflow", binop("Mod", "%*d", (10**30, 1)), lambda: "%*d" % (10**30, 1),
     OverflowError),
    ("percent_width_too_big", binop("Mod", "%" + "9" * 20 + "d", 1),
     lambda: ("%" + "9" * 20 + "d") % 1, ValueError),
    ("percent_precision_too_big", binop("Mod", "%.3000000000f", 1.0),
     lambda: "%.3000000000f" % 1.0, ValueError),
    ("ljust_overflow", call("a".ljust, 10**30), lambda: "a".ljust(10**30), OverflowError),
    ("expandtabs_overflow", call(("\t" * 2).expandtabs, 2**31),
     lambda: ("\t" * 2).expandtabs(2**31), OverflowError),
    ("bytes_overflow", call(bytes, 10**30), lambda: bytes(10**30), OverflowError),
    ("factorial_overflow", call(math.factorial, 2**64), lambda: math.factorial(2**64),
     OverflowError),
    ("comb_overflow", call(math.comb, 2**64, 2**63), lambda: math.comb(2**64, 2**63),
     OverflowError),
    ("str_plus_bytes", binop("Add", "a" * 10**8, b"b"), lambda: "a" + b"b", TypeError),
    ("list_plus_tuple", binop("Add", [0] * 10**8, (1,)), lambda: [0] + (1,), TypeError),
    ("join_non_str", call("".join, [1] * 10**7), lambda: "".join([1]), TypeError),
    ("format_unknown_code", spec(1, "3000000000q"), lambda: format(1, "3000000000q"), ValueError),
]


@pytest.mark.parametrize("check, produce, error", [c[1:] for c in CPYTHON_REFUSES],
                         ids=[c[0] for c in CPYTHON_REFUSES])
def test_arguments_cpython_refuses_are_left_to_cpython(check, produce, error):
    with pytest.raises(error):
        produce()
    assert tripped(check, meter(max_memory=64 * MiB, max_ops=10**6)) is None


def test_specs_of_other_mini_languages_are_not_parsed():
    # date.__format__ is strftime: '1000000000' formats as itself, no padding at all
    day = datetime.date(2024, 1, 2)
    assert format(day, "1000000000") == "1000000000"
    assert tripped(spec(day, "1000000000"), meter(max_memory=MiB)) is None

    class Custom:
        def __format__(self, spec):
            return "custom"
    assert tripped(spec(Custom(), "1000000000"), meter(max_memory=MiB)) is None


# -- sandboxed subclasses: never run their code ------------------------------------------------

class Trap(Exception):
    pass


def _trap(*args, **kwargs):
    raise Trap("sandboxed code ran inside a pre-check")


class EvilStr(str):
    __len__ = __iter__ = __getitem__ = __eq__ = __hash__ = __lt__ = __gt__ = count = _trap


class EvilInt(int):
    __index__ = __int__ = __lt__ = __gt__ = __le__ = __ge__ = __eq__ = __bool__ = _trap
    __abs__ = __and__ = __sub__ = __hash__ = bit_length = _trap


class EvilList(list):
    __len__ = __iter__ = __getitem__ = _trap


class EvilTuple(tuple):
    __len__ = __iter__ = __getitem__ = _trap


class EvilDecimal(Decimal):
    is_finite = as_tuple = adjusted = __len__ = _trap


class EvilMeta(type):
    __getattribute__ = _trap                    # any attribute read on the class itself


class IntOfEvilMeta(int, metaclass=EvilMeta):
    pass


SUBCLASS_ATTACKS = [
    ("str_repeat", binop("Mult", EvilStr("ab"), 10**10)),
    ("int_repeat_count", binop("Mult", "ab", EvilInt(10**10))),
    ("list_repeat", binop("Mult", EvilList([0]), 10**10)),
    ("str_concat", binop("Add", EvilStr("a" * 10**8), "b")),
    ("pow", binop("Pow", EvilInt(2), EvilInt(10**11))),
    ("lshift", binop("LShift", EvilInt(1), EvilInt(10**11))),
    ("percent", binop("Mod", EvilStr("%*d"), (EvilInt(10**10), 1))),
    ("inherited_ljust", call(EvilStr("a").ljust, EvilInt(10**10))),
    ("inherited_replace", call(EvilStr("a" * 10**5).replace, "", "b" * 10**5)),
    ("inherited_expandtabs", call(EvilStr("\t" * 1000).expandtabs, 10**8)),
    ("join_of_subclass_items", call("".join, [EvilStr("a" * 10**6)] * 1000)),
    ("bytes_of_int_subclass", call(bytes, EvilInt(10**10))),
    ("to_bytes_of_subclass", call(EvilInt(0).to_bytes, EvilInt(10**10), "big")),
    ("format_spec_of_subclass", spec(EvilStr("x"), ">3000000000")),
    ("join_over_list_subclass", call("".join, EvilList(["a" * 10**6] * 1000))),
    ("sum_over_list_subclass", call(sum, EvilList([[0]] * 10**6), []), "ops"),
    ("prod_over_list_subclass", call(math.prod, EvilList(range(1, 10**6))), "ops"),
    ("percent_args_tuple_subclass", binop("Mod", "%*d", EvilTuple((10**10, 1)))),
    ("decimal_subclass_spec", spec(EvilDecimal("1e1000000000"), "f")),
    ("metaclass_attribute_hook", spec(IntOfEvilMeta(1), "1000000000")),
]


@pytest.mark.parametrize("check, kind", [(a[1], a[2] if len(a) > 2 else "memory")
                                         for a in SUBCLASS_ATTACKS],
                         ids=[a[0] for a in SUBCLASS_ATTACKS])
def test_subclass_overrides_are_never_called(check, kind):
    assert tripped(check, meter(max_memory=64 * MiB, max_ops=10**6)) == kind


def test_unknown_callables_return_at_once():
    m = meter(max_memory=1, max_ops=1)
    for func in (print, len, sorted, [].sort, {}.get, "a".split, b"a".split, str, Trap,
                 lambda: None, datetime.date.today):
        assert tripped(call(func, 10**10), m) is None
    assert m.ops == 0


def test_messages_say_what_and_how_much():
    m = meter(max_memory=64 * MiB, max_ops=10**6)
    with pytest.raises(LimitHit) as info:
        sizes.check_call("a".ljust, (3 * 10**9,), {}, m)
    assert "3,000,000,000" in info.value.message and "64.0 MiB" in info.value.message
    with pytest.raises(LimitHit) as info:
        sizes.check_call(math.factorial, (10**6,), {}, meter(max_ops=10**6))
    assert "math.factorial" in info.value.message and "1,000,000" in info.value.message
