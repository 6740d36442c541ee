"""Limits on the wasm backend: each one stops what it must, on time, keeps the output printed
before it, cannot be caught by sandboxed code, and leaves the session usable."""
from __future__ import annotations

import time

import pytest

import safeexec
from safeexec import Limits, LimitExceeded

from .helpers import run

pytestmark = pytest.mark.usefixtures("wasm")

MARGIN = 1.5        # seconds a limit may take past its deadline on a loaded 2-core machine


def limit_hit(code: str, limits: Limits, **options) -> tuple[LimitExceeded, float]:
    """The LimitExceeded that `code` raises, and how long the run took (the guest is booted
    before the clock starts)."""
    with safeexec.Session(backend="wasm", limits=limits, **options) as s:
        s.run("None")
        started = time.monotonic()
        with pytest.raises(LimitExceeded) as err:
            s.run(code)
        return err.value, time.monotonic() - started


def test_busy_loop_stops_on_ops() -> None:
    err, took = limit_hit("print('before')\nwhile True:\n    pass",
                          Limits(max_ops=200_000, timeout=30))
    assert err.limit == "ops" and err.output == "before\n"
    assert "restarted" in str(err) and took < 5


def test_busy_loop_stops_on_time() -> None:
    err, took = limit_hit("print('before')\nwhile True:\n    pass",
                          Limits(max_ops=10**12, timeout=0.5))
    assert err.limit == "time" and err.output == "before\n"
    assert 0.5 <= took < 0.5 + MARGIN


def test_sleep_is_cut_at_the_deadline() -> None:
    err, took = limit_hit("import time\nprint('zz')\ntime.sleep(100)", Limits(timeout=0.5),
                          allowed_imports=["time"])
    assert err.limit == "time" and err.output == "zz\n"
    assert 0.5 <= took < 0.5 + MARGIN


def test_short_sleeps_sleep() -> None:
    result = run("import time\nt = time.monotonic()\ntime.sleep(0.2)\ntime.monotonic() - t",
                 allowed_imports=["time"])
    assert 0.19 <= result.value < 1.0


@pytest.mark.parametrize("code, imports", [
    ("sum(range(10 ** 13))", []),                                   # a C loop
    ("import re\nre.match(r'(a+)+$', 'a' * 40 + 'b')", ["re"]),     # catastrophic backtracking
    ("sorted(range(10 ** 8), key=lambda v: -v)", []),
    ("x = 7 ** 10 ** 8", []),                                      # big-int arithmetic
])
def test_work_inside_c_code_is_stopped(code: str, imports: list) -> None:
    err, took = limit_hit(code, Limits(max_ops=10**12, timeout=0.5), allowed_imports=imports)
    assert err.limit in ("time", "memory")
    assert took < 0.5 + MARGIN


def test_big_allocation_is_a_memory_limit() -> None:
    err, _ = limit_hit("print('before')\nx = 'a' * (400 * 2**20)", Limits(max_memory=100 * 2**20))
    assert err.limit == "memory" and err.output == "before\n" and err.lineno == 2


def test_memory_bomb_is_a_memory_limit_and_the_session_survives() -> None:
    with safeexec.Session(backend="wasm", limits=Limits(max_memory=64 * 2**20)) as s:
        s.run("kept = 'still here'")
        with pytest.raises(LimitExceeded) as err:
            s.run("hoard = []\nwhile True:\n    hoard.append('x' * 100_000)")
        assert err.value.limit == "memory"
        assert s.run("del hoard\nkept").value == "still here"


def test_print_flood_keeps_what_fits() -> None:
    err, _ = limit_hit("print('before')\nwhile True:\n    print('x' * 30)", Limits(max_output=100))
    assert err.limit == "output"
    assert err.output.startswith("before\n") and len(err.output.encode()) == 100
    err, _ = limit_hit("print('y' * 1000)", Limits(max_output=100))
    assert err.output == "y" * 100


def test_output_is_cut_on_a_character_boundary() -> None:
    err, _ = limit_hit("print('é' * 100)", Limits(max_output=51))
    assert err.output == "é" * 25


def test_large_output_within_the_cap_is_complete() -> None:
    result = run("for i in range(20000):\n    print(i)", limits=Limits(max_output=10**6))
    assert result.output == "".join(f"{i}\n" for i in range(20000))


def test_depth_limit() -> None:
    code = "def down(n):\n    return 0 if n == 0 else 1 + down(n - 1)\ndown({})"
    assert run(code.format(150)).value == 150
    err, _ = limit_hit(code.format(400), Limits())
    assert err.limit == "depth" and err.lineno == 2
    assert run(code.format(900), limits=Limits(max_depth=1000)).value == 900


def test_recursion_through_c_is_a_depth_limit_not_a_crash() -> None:
    # each level goes through C (lru_cache, type.__call__): the guest's C stack bounds these
    code = ("import functools\n@functools.lru_cache(None)\ndef fib(n):\n"
            "    return n if n < 2 else fib(n - 1) + fib(n - 2)\nfib({})")
    assert run(code.format(150), allowed_imports=["functools"]).value == \
        9969216677189303386214405760200
    err, _ = limit_hit(code.format(3000), Limits(max_depth=5000), allowed_imports=["functools"])
    assert err.limit == "depth"
    err, _ = limit_hit("class A:\n    def __init__(self, n):\n"
                       "        self.c = A(n - 1) if n else 0\nA(3000)", Limits(max_depth=5000))
    assert err.limit == "depth"


CATCHABLE_ELSEWHERE = {
    "ops": (Limits(max_ops=100_000, timeout=30), "while True:\n    pass"),
    "time": (Limits(max_ops=10**12, timeout=0.3), "while True:\n    pass"),
    "memory": (Limits(max_memory=100 * 2**20), "x = 'a' * (400 * 2**20)"),
    "output": (Limits(max_output=100), "while True:\n    print('x' * 30)"),
    "depth": (Limits(max_depth=30), "def f(n):\n    return f(n + 1)\nf(0)"),
}


@pytest.mark.parametrize("limit", sorted(CATCHABLE_ELSEWHERE))
def test_limits_cannot_be_caught(limit: str) -> None:
    limits, code = CATCHABLE_ELSEWHERE[limit]
    body = "\n".join("        " + line for line in code.splitlines())
    wrapped = (f"def attempt():\n    try:\n{body}\n    except BaseException:\n"
               f"        print('caught')\n    finally:\n        return 'swallowed'\n"
               f"for i in range(3):\n    attempt()\nprint('survived')")
    err, _ = limit_hit(wrapped, limits)
    assert err.limit == limit
    assert "caught" not in err.output and "survived" not in err.output


def test_catching_memory_error_as_the_last_statement_still_reports_it() -> None:
    err, _ = limit_hit("try:\n    x = 'a' * (400 * 2**20)\nexcept MemoryError:\n    pass",
                       Limits(max_memory=100 * 2**20))
    assert err.limit == "memory"


def test_ops_are_deterministic_and_scale_with_work() -> None:
    code = "def f(n):\n    return n if n < 2 else f(n - 1) + f(n - 2)\nf({})"
    small = [run(code.format(12)).ops for _ in range(2)]
    assert small[0] == small[1] > 0
    big = run(code.format(16)).ops         # 6.9x the calls of f(12)
    assert 5 * small[0] < big < 9 * small[0]
    with safeexec.Session(backend="wasm") as s:
        assert s.run(code.format(12)).ops == small[0]


def test_ops_limit_counts_only_the_snippet() -> None:
    # compiling a long snippet is not charged to its budget
    code = "\n".join(f"v{i} = {i}" for i in range(3000)) + "\n1"
    assert run(code, limits=Limits(max_ops=20_000)).value == 1


def test_the_session_is_usable_after_a_trap() -> None:
    with safeexec.Session(backend="wasm", variables={"seed": 7},
                          limits=Limits(max_ops=100_000)) as s:
        s.run("x = 1")
        with pytest.raises(LimitExceeded) as err:
            s.run("while True:\n    pass")
        assert "variables from earlier runs were lost" in str(err.value)
        assert s.run("seed * 6").value == 42            # the initial variables are back
        assert s.variables == {"seed": 7}
        with pytest.raises(safeexec.CodeError) as gone:
            s.run("x")
        assert gone.value.exc_type == "NameError"


def test_the_heap_never_uses_the_relocated_stack() -> None:
    from safeexec.wasm import runtime, stack
    pages = next(stack._uleb(body, 2)[0] for sid, body in stack._sections(runtime.load().data)
                 if sid == 5)
    low, high = pages * stack.PAGE, pages * stack.PAGE + stack.STACK_SIZE
    # a bytes object is one allocation (header and data), so id() is where malloc put it
    code = ("keep = [b'x' * n for n in (16, 200, 4000, 70_000, 1 << 20, 3 << 20, 6 << 20)]\n"
            "keep += [str(i).encode() * 50 for i in range(20_000)]\n"
            "[id(o) for o in keep]")
    addresses = run(code).value
    assert all(not low <= a < high for a in addresses), (hex(low), hex(high), addresses)
