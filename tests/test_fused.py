"""Expression trees fused into one generated function (interp/fused.py) keep every per-node rule:
evaluation order, unbound locals, size pre-checks, metered host calls and the depth limit."""
from __future__ import annotations

import pytest
import safeexec

SMALL = safeexec.Limits(max_ops=10_000, timeout=2.0, max_memory=64 * 2**20, max_depth=40)


def test_evaluation_order_matches_cpython():
    code = ("seen = []\ndef t(x):\n    seen.append(x)\n    return x\n"
            "r = t(1) + t(2) * t(3) if t(0) or t(9) else t(4)\n(r, seen)")
    namespace: dict = {}
    exec(code.rsplit("\n", 1)[0], namespace)
    assert safeexec.run(code).value == (namespace["r"], namespace["seen"])


def test_short_circuit_skips_the_right_operand():
    code = "def boom():\n    raise ValueError('evaluated')\nx = 0\n(x and boom()) + (1 if x == 0 else boom())"
    assert safeexec.run(code).value == 1


def test_unbound_local_inside_a_fused_tree():
    code = "def f():\n    return y * 2 + 1 < 3\n    y = 1\nf()"
    with pytest.raises(safeexec.CodeError) as err:
        safeexec.run(code)
    assert err.value.exc_type == "UnboundLocalError"
    assert "cannot access local variable 'y'" in str(err.value)


@pytest.mark.parametrize("code", ["n = 10\n(7 ** n ** n) + 1 > 0",
                                  "s = 'ab'\nlen(s * 10 ** 9 + 'c') > 0",
                                  "x = 2\n(x << 10 ** 9) - 1 > 0"])
def test_size_checks_hold_inside_a_fused_tree(code):
    with pytest.raises(safeexec.LimitExceeded) as err:
        safeexec.run(code, limits=SMALL)
    assert err.value.limit == "memory"


def test_host_call_inside_a_fused_tree_is_metered():
    with pytest.raises(safeexec.LimitExceeded) as err:
        safeexec.run("sum(range(10 ** 9)) + 1 > 0", limits=SMALL)
    assert err.value.limit in ("ops", "time")


def test_recursion_through_a_fused_tree_hits_the_depth_limit():
    with pytest.raises(safeexec.LimitExceeded) as err:
        safeexec.run("def f(n):\n    return 0 if n == 0 else f(n - 1) + 1\nf(1000)", limits=SMALL)
    assert err.value.limit == "depth"


def test_forbidden_call_inside_a_fused_tree_is_refused():
    with pytest.raises(safeexec.PolicyViolation):
        safeexec.run("x = 1\nlen(getattr(x, '__class__').__subclasses__()) + 1")


def test_same_structure_shares_generated_code_across_programs():
    from safeexec.interp import fused
    a = safeexec.run("def f(a, b):\n    return a * 2 + b < 10\nf(1, 2)").value
    before = len(fused._MAKERS)
    b = safeexec.run("def g(p, q):\n    return p * 2 + q < 10\ng(9, 2)").value
    assert (a, b) == (True, False)
    assert len(fused._MAKERS) == before
