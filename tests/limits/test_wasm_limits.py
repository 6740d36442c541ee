"""The same limits on the wasm backend (CPython compiled to WebAssembly under wasmtime: fuel
for ops, epochs for time, the store's cap for memory), for a representative attack of each
kind. Each case runs in a fresh interpreter (wasmtime must not be forked), so the list is short.
Skipped where wasmtime is not installed."""
from __future__ import annotations

import importlib.util

import pytest

import safeexec

from .harness import SMALL, assert_bounded, assert_limit, case, params

pytestmark = pytest.mark.skipif(importlib.util.find_spec("wasmtime") is None,
                                reason="the wasm backend needs wasmtime (the wasm extra)")

DEPTH = safeexec.Limits(timeout=2.0, max_memory=64 * 2**20, max_ops=10**7, max_depth=100)
OUTPUT = safeexec.Limits(timeout=2.0, max_memory=64 * 2**20, max_ops=10**6, max_output=10_000)
ROOMY = safeexec.Limits(timeout=10.0, max_memory=64 * 2**20, max_ops=10**9)

WASM = [
    case("while_true", "while True:\n    pass"),
    case("except_base", "try:\n    while True:\n        pass\nexcept BaseException:\n"
         "    print('caught')"),
    case("max_count", "import itertools\nmax(itertools.count())", imports="itertools"),
    case("regex", "import re\nre.match('(a+)+$', 'a' * 40 + 'b')", ("time", "ops"), "re"),
    case("sleep", "import time\ntime.sleep(100)", "time", "time"),
    case("pow_10_10_8", "10 ** 10 ** 8", ("ops", "memory", "time")),
    case("str_repeat", "'a' * 2**30", "memory"),          # within the guest's 32-bit ssize_t
    case("bytearray_n", "bytearray(2**30)", "memory"),
    case("growing_list", "l = []\nwhile True:\n    l.append('x' * 10**5)", "memory", limits=ROOMY),
    case("recursion", "def f(n):\n    return f(n + 1)\nf(0)", "depth", limits=DEPTH),
    case("print_flood", "print('start')\nwhile True:\n    print('x' * 1000)", "output",
         limits=OUTPUT),
]


@pytest.mark.parametrize("c", params(WASM))
def test_wasm_attack_is_stopped(c):
    outcome = c.run(backend="wasm")
    assert_limit(outcome, c.limits, c.kinds)
    assert "caught" not in outcome.output
    if c.id == "print_flood":
        assert outcome.output.startswith("start\n")


def test_wasm_deep_tuple_hash_does_not_crash():
    code = "t = ()\nfor _ in range(200000):\n    t = (t,)\nhash(t)"
    outcome = case("deep_hash", code).run(backend="wasm")
    assert_bounded(outcome, SMALL)
    assert outcome.kind in ("LimitExceeded", "CodeError"), str(outcome)
