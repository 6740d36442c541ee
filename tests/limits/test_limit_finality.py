"""Limit errors are final: sandboxed `except BaseException`, `finally`, `with` blocks that
suppress, generator cleanup and retry loops can neither catch a LimitExceeded nor resume the
work, and the output printed before the limit is kept. Also the depth and output limits."""
from __future__ import annotations

import pytest

import safeexec

from .harness import SMALL, assert_limit, case, params

CATCH_ATTEMPTS = [
    case("except_base", "try:\n    while True:\n        pass\nexcept BaseException:\n"
         "    print('caught')"),
    case("bare_except", "try:\n    while True:\n        pass\nexcept:\n    print('caught')"),
    case("except_then_continue", "try:\n    while True:\n        pass\nexcept BaseException:\n"
         "    pass\nprint('after')"),
    case("finally_loops_forever", "try:\n    while True:\n        pass\nfinally:\n"
         "    while True:\n        pass"),
    case("finally_prints", "try:\n    while True:\n        pass\nfinally:\n"
         "    print('cleanup ran')\n    while True:\n        print('still running')"),
    case("retry_forever", "while True:\n    try:\n        while True:\n            pass\n"
         "    except BaseException:\n        print('retry')"),
    case("except_in_function", "def work():\n    try:\n        while True:\n            pass\n"
         "    except BaseException as e:\n        return e\nprint(work())"),
    case("with_suppressing_exit", "class Swallow:\n    def __enter__(self):\n        return self\n"
         "    def __exit__(self, *exc):\n        return True\nwith Swallow():\n"
         "    while True:\n        pass\nprint('after')"),
    case("contextlib_suppress", "import contextlib\nwith contextlib.suppress(BaseException):\n"
         "    while True:\n        pass\nprint('after')", imports="contextlib"),
    case("generator_finally_on_close", "def gen():\n    try:\n        yield 1\n    finally:\n"
         "        while True:\n            pass\ng = gen()\nnext(g)\ng.close()\nprint('after')"),
    case("generator_swallows_exit", "def gen():\n    while True:\n        try:\n"
         "            yield 1\n        except BaseException:\n            pass\n"
         "for _ in gen():\n    while True:\n        pass"),
    case("exception_group_handler", "try:\n    while True:\n        pass\nexcept* BaseException:\n"
         "    print('caught')"),
    case("memory_caught", "try:\n    s = 'a' * 10**10\nexcept BaseException:\n"
         "    print('caught')\nwhile True:\n    pass", "memory"),
    case("memory_error_caught", "try:\n    s = 'a' * 10**10\nexcept MemoryError:\n"
         "    print('caught')", "memory"),
    case("time_caught", "import time\ntry:\n    time.sleep(100)\nexcept BaseException:\n"
         "    print('caught')\nwhile True:\n    pass", "time", "time"),
    case("depth_caught", "def f():\n    f()\ntry:\n    f()\nexcept RecursionError:\n"
         "    print('recursion')\nexcept BaseException:\n    print('base')", "depth"),
    case("output_caught", "try:\n    while True:\n        print('x' * 100)\nexcept BaseException:\n"
         "    pass\nprint('after')", "output"),
]


@pytest.mark.parametrize("c", params(CATCH_ATTEMPTS))
def test_sandboxed_code_cannot_catch_a_limit(c):
    outcome = c.run()
    if c.id == "exception_group_handler" and outcome.kind in ("ParseError", "PolicyViolation"):
        pytest.skip(f"except* is not offered: {outcome.message[:100]}")
    assert_limit(outcome, c.limits, c.kinds)
    text = outcome.output + outcome.output_tail
    for marker in ("caught", "after", "retry", "recursion", "base", "still running"):
        assert marker not in text, f"{marker!r} printed after the limit: {outcome}"


def test_output_printed_before_the_limit_is_kept():
    outcome = case("kept", "print('start')\nwhile True:\n    pass").run()
    assert_limit(outcome, SMALL, "ops")
    assert outcome.output == "start\n"


DEPTH = safeexec.Limits(timeout=2.0, max_memory=64 * 2**20, max_ops=10**7, max_depth=100)
RECURSION = [
    case("self_recursion", "def f(n):\n    return f(n + 1)\nf(0)", "depth", limits=DEPTH),
    case("mutual_recursion", "def a(n):\n    return b(n)\ndef b(n):\n    return a(n + 1)\na(0)",
         "depth", limits=DEPTH),
    case("lambda_recursion", "f = lambda n: f(n + 1)\nf(0)", "depth", limits=DEPTH),
    case("method_recursion", "class A:\n    def m(self):\n        return self.m()\nA().m()",
         "depth", limits=DEPTH),
    case("repr_through_c", "class A:\n    def __repr__(self):\n        return repr(self)\n"
         "repr(A())", "depth", limits=DEPTH),
    case("sorted_key_through_c", "def key(x):\n    return sorted([x], key=key)\nkey(1)", "depth",
         limits=DEPTH),
    case("recursive_generator", "def g(n):\n    yield from g(n + 1)\nnext(g(0))",
         "depth", limits=DEPTH),
    case("decorator_recursion", "def deco(f):\n    def inner(*a):\n        return f(*a)\n"
         "    return inner\n@deco\ndef f(n):\n    return f(n + 1)\nf(0)", "depth", limits=DEPTH),
]


@pytest.mark.parametrize("c", params(RECURSION))
def test_deep_recursion_stops_on_depth(c):
    assert_limit(c.run(), c.limits, c.kinds)


def test_depth_limit_allows_recursion_below_it():
    # max_depth=100 must allow a recursion of 90 nested calls (CPython's answer: 90)
    code = "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nf(90)"
    outcome = case("below", code, limits=DEPTH).run()
    assert outcome.kind == "ok" and outcome.value == "90", str(outcome)


@pytest.mark.parametrize("code", [
    "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nf(1000)",
    "class A:\n    def m(self, n):\n        if n == 0:\n            return 0\n"
    "        x = self.m(n - 1)\n        return x + 1\nA().m(1000)",
    "def g(n):\n    for i in range(1):\n        if n:\n            return g(n - 1) + 1\n    return 0\ng(1000)",
])
def test_recursion_of_1000_is_available_when_the_limit_allows_it(code):
    """The depth limit is a Limits field: raised, 1,000 nested sandboxed calls run (the interpreter
    raises the host's recursion limit to fit them)."""
    outcome = case("deep_ok", code, limits=safeexec.Limits(max_depth=1200, timeout=10.0)).run()
    assert outcome.kind == "ok" and outcome.value == "1000", str(outcome)


OUTPUT = safeexec.Limits(timeout=1.0, max_memory=64 * 2**20, max_ops=10**6, max_output=10_000)
FLOODS = [
    case("print_loop", "while True:\n    print('x' * 1000)", "output", limits=OUTPUT),
    case("print_one_huge", "print('start')\nprint('y' * 10**7)", "output", limits=OUTPUT),
    case("print_big_repr", "print('start')\nprint(list(range(10**5)))", "output", limits=OUTPUT),
    case("print_many_args", "print('start')\nprint(*range(10**5))", "output", limits=OUTPUT),
    case("print_no_newline", "print('start')\nwhile True:\n    print('z', end='')", "output",
         limits=OUTPUT),
    case("print_unicode", "print('start')\nwhile True:\n    print('\\u20ac' * 100)", "output",
         limits=OUTPUT),
]


@pytest.mark.parametrize("c", params(FLOODS))
def test_print_flood_stops_on_output(c):
    outcome = c.run()
    assert_limit(outcome, c.limits, "output")
    printed = outcome.output + outcome.output_tail
    assert outcome.output_len > 0
    assert len(printed.encode()) <= OUTPUT.max_output, str(outcome)
    if "start" in c.code:
        assert printed.startswith("start\n"), str(outcome)


def test_session_runs_again_after_a_limit():
    # the limit belongs to the run, not the session: the next run starts with a fresh budget
    with safeexec.Session(limits=SMALL) as s:
        s.run("x = 41")
        with pytest.raises(safeexec.LimitExceeded) as info:
            s.run("while True:\n    pass")
        assert info.value.limit == "ops"
        assert s.run("x + 1").value == 42
