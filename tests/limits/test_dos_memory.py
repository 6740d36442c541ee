"""Memory bombs: one operation asking for gigabytes (pre-checked before it allocates, §3b) and
loops that grow without end (caught by the memory watchdog). Each must stop with "memory" while
the child's RSS stays within max_memory plus a margin; the numbers in comments are CPython's
(ATTACK-SURFACE.md §3b)."""
from __future__ import annotations

import pytest

import safeexec

from .harness import assert_limit, case, params, skip_if_refused

IT = ("itertools",)
FAST = safeexec.Limits(timeout=1.0, max_memory=64 * 2**20, max_ops=2 * 10**5)
#: growth loops need room: the ops budget must not end them before memory does
ROOMY = safeexec.Limits(timeout=10.0, max_memory=64 * 2**20, max_ops=10**8)

def one(id, code, kinds="memory", imports=(), bug=None):
    """A single operation refused before it runs: a short deadline keeps a failure cheap."""
    return case(id, code, kinds, imports, FAST, bug)


ONE_SHOT = [
    # sequence * int: 'a' * (3 * 10**9) wrote 2.8 GB in 5.8 s
    one("str_repeat", "'a' * 10**10", "memory"),
    one("str_repeat_variables", "s = 'a' * 10**5\nn = 10**5\nt = s * n", "memory"),
    one("int_times_str", "10**10 * 'ab'", "memory"),
    one("str_repeat_inplace", "s = 'ab'\ns *= 10**10", "memory"),
    one("wide_str_repeat", "'\\U0001f600' * (3 * 10**7)", "memory"),  # 4 bytes a char
    one("list_repeat", "[0] * 10**9", "memory"),
    one("tuple_repeat", "(0,) * 10**9", "memory"),
    one("bytes_repeat", "b'x' * 10**10", "memory"),
    one("bytearray_repeat", "bytearray(b'x') * 10**10", "memory"),
    # big ints: 1 << 10**11 asks 12.5 GB at once; 2**(10**11) grows gradually
    one("pow_2", "2 ** 10**10", "memory"),
    one("pow_builtin", "pow(2, 10**10)", "memory"),
    one("lshift", "1 << 10**10", "memory"),
    one("lshift_inplace", "x = 1\nx <<= 10**10", "memory"),
    one("round_negative_ndigits", "round(1, -10**9)", ("memory", "ops")),
    # buffers: bytes(3 * 10**9) maps 3 GB, bytearray(3 * 10**9) writes it in 7.5 s
    one("bytes_n", "bytes(10**10)", "memory"),
    one("bytearray_n", "bytearray(10**10)", "memory"),
    one("to_bytes", "(0).to_bytes(10**10, 'big')", "memory"),
    one("to_bytes_unbound", "int.to_bytes(0, 10**10, 'big')", "memory"),
    one("to_bytes_keyword", "(0).to_bytes(length=10**10, byteorder='little')", "memory"),
    # widths: 'a'.ljust(3 * 10**9) and friends wrote 2.8 GB in 3.3-3.9 s each
    one("ljust", "'a'.ljust(10**10)", "memory"),
    one("rjust", "'a'.rjust(10**10)", "memory"),
    one("center", "'a'.center(10**10)", "memory"),
    one("center_unbound", "str.center('a', 10**10)", "memory"),
    one("center_wide_fill", "'a'.center(4 * 10**7, '\\u20ac')", "memory"),  # 2 bytes a char
    one("zfill", "'1'.zfill(10**10)", "memory"),
    one("bytes_ljust", "b'a'.ljust(10**10)", "memory"),
    one("expandtabs", "('\\t' * 1000).expandtabs(10**7)", "memory"),
    one("bytes_expandtabs", "(b'\\t' * 1000).expandtabs(10**7)", "memory"),
    one("expandtabs_int_max", "('\\t' * 2).expandtabs(2**31 - 1)", "memory"),
    # format specs and printf widths
    one("fstring_nested_width", "f'{1:{10**9}}'", "memory"),
    one("fstring_str_width", "w = 10**9\nf'{\"x\":>{w}}'", "memory"),
    one("fstring_precision", "f'{1.0:.{10**9}f}'", "memory"),
    one("format_builtin_precision", "format(1.0, '.1000000000f')", "memory"),
    one("format_builtin_width", "format('a', '1000000000')", "memory"),
    one("str_format_width", "'{:1000000000}'.format(1)", "memory"),
    one("str_format_nested", "'{:{}}'.format(1, 10**9)", "memory"),
    one("str_format_indexed", "'{0:>{1}}'.format('a', 10**9)", "memory"),
    one("str_format_map", "'{x:1000000000}'.format_map({'x': 1})", "memory"),
    one("str_format_many_fields", "('{:9999}' * 10**5).format(*range(10**5))", "memory"),
    one("percent_star", "'%*d' % (10**9, 1)", "memory"),
    one("percent_width", "'%1000000000d' % 1", "memory"),
    one("percent_precision_star", "'%.*f' % (10**9, 1.0)", "memory"),
    one("percent_precision", "'%.2000000000f' % 1.0", "memory"),
    one("percent_mapping", "'%(a)1000000000s' % {'a': 'x'}", "memory"),
    one("bytes_percent_star", "b'%*d' % (10**9, 1)", "memory"),
    # growth by replacement: 10**10 characters asked, then MemoryError
    one("replace_empty", "('a' * 10**5).replace('', 'b' * 10**5)", "memory"),
    one("replace_growth", "('ab' * 10**5).replace('a', 'x' * 10**5)", "memory"),
    one("bytes_replace", "(b'a' * 10**5).replace(b'', b'b' * 10**5)", "memory"),
    one("join_sep_over_str", "('x' * 10**6).join('a' * 10**4)", "memory"),
    one("join_list_shared_items", "''.join(['a' * 10**6] * 1000)", "memory"),
    one("join_iterator_shared_items",
        "import itertools\n''.join(itertools.repeat('a' * 10**6, 1000))", "memory", IT),
    one("bytes_join", "b''.join([b'a' * 10**6] * 1000)", "memory"),
    one("translate", "('a' * 10**4).translate({97: 'b' * 10**6})", "memory"),
    one("re_sub_empty", "import re\nre.sub('', 'x' * 10**5, 'a' * 10**5)", "memory", "re"),
    one("re_sub_template", "import re\nre.sub('a', 'x' * 10**5, 'a' * 10**5)", "memory", "re"),
    one("randbytes", "import random\nrandom.randbytes(10**10)", "memory", "random"),
    one("getrandbits", "import random\nrandom.getrandbits(10**11)", "memory", "random"),
    # containers built in C from a sized input: a set of 1.5M ints peaked 147 MiB (about 95 bytes
    # an item) when it was charged 40 bytes an item, under a 64 MiB limit (found by fuzz/)
    one("set_of_range", "x = set(range(1486448))", "memory"),
    one("frozenset_of_range", "x = frozenset(range(1486448))", "memory"),
    one("dict_fromkeys_of_range", "x = dict.fromkeys(range(1486448))", "memory"),
]

GROWTH = [
    case("doubling_str", "s = 'a'\nwhile True:\n    s += s", "memory", limits=ROOMY),
    case("doubling_list", "l = [0]\nwhile True:\n    l += l", "memory", limits=ROOMY),
    case("doubling_list_extend", "l = [0]\nwhile True:\n    l.extend(l)", "memory", limits=ROOMY),
    case("doubling_list_mult", "l = [0]\nwhile True:\n    l = l * 2", "memory", limits=ROOMY),
    case("doubling_bytearray", "b = bytearray(b'x')\nwhile True:\n    b.extend(b)", "memory",
         limits=ROOMY),
    case("doubling_slice_assign", "l = [0]\nwhile True:\n    l[len(l):] = l", "memory",
         limits=ROOMY),
    case("growing_dict_of_megabytes", "d = {}\ni = 0\nwhile True:\n    d[i] = 'x' * 10**6\n"
         "    i += 1", "memory", limits=ROOMY),
    case("growing_list_of_small_strings", "l = []\ni = 0\nwhile True:\n"
         "    l.append(str(i) * 100)\n    i += 1", "memory", limits=ROOMY),
    case("growing_set_comprehension", "s = {i for i in range(10**9)}", "memory", limits=ROOMY),
    case("list_comprehension_rows", "rows = [[0] * 1000 for _ in range(10**6)]", "memory",
         limits=ROOMY),
    case("nested_list_append", "l = []\nwhile True:\n    l.append([l] * 100)", "memory",
         limits=ROOMY),
]


@pytest.mark.parametrize("c", params(ONE_SHOT))
def test_big_allocation_is_refused_before_it_happens(c):
    outcome = c.run()
    for module in c.imports:
        skip_if_refused(outcome, module)
    assert_limit(outcome, c.limits, c.kinds)
    if c.kinds == ("memory",):
        # refused up front: the time is spent before the first allocation, not writing it
        assert outcome.grew < c.limits.max_memory, str(outcome)


@pytest.mark.parametrize("c", params(GROWTH))
def test_growth_is_stopped_by_the_memory_limit(c):
    outcome = c.run()
    assert_limit(outcome, c.limits, c.kinds)


def test_a_memory_limit_far_below_the_host_is_enforced():
    # 16 MiB: a 32 MiB string must be refused even though the host has room for it
    limits = safeexec.Limits(timeout=1.0, max_memory=16 * 2**20, max_ops=10**6)
    outcome = case("small_cap", "s = 'a' * (32 * 2**20)", "memory", limits=limits).run()
    assert_limit(outcome, limits, "memory")


def test_allocation_below_the_limit_succeeds():
    # the pre-checks must not refuse what fits: 8 MiB of str, list, bytes and a 10**6-bit int
    code = ("s = 'a' * (8 * 2**20)\nl = [0] * 10**6\nb = bytes(8 * 2**20)\nx = 1 << 10**6\n"
            "y = 3 ** 10**4\nw = format(1, '100000')\nlen(s) + len(l) + len(b) + x.bit_length()"
            " + len(w)")
    outcome = case("fits", code, limits=ROOMY).run()
    assert outcome.kind == "ok", str(outcome)
    assert outcome.value == repr(8 * 2**20 + 10**6 + 8 * 2**20 + 10**6 + 1 + 100000)
