"""pytest-benchmark over every workload, for native CPython, safeexec "ast" and, where it runs, "wasm".

    .venv/bin/python -m pytest benchmarks/test_bench.py          # BENCH_ROUNDS=2 for a quick run

Not part of CI (pytest's testpaths are tests/ and fuzz/). Each benchmark also asserts that the
runner's checksum equals native CPython's, so a fast wrong answer fails. A runner that cannot run
here (a backend not installed) is skipped with the reason; any other error is a failure.

Traps: pytest-benchmark disables itself under xdist, so run this without `-n`. The wasm backend is
timed through a reused Session: a fresh guest per call is compare.py's fixed-cost measurement.
"""
from __future__ import annotations

import os
from typing import Any

import pytest

from runners import RUNNERS, Unavailable
from workloads import WORKLOADS, Workload

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
BENCH_RUNNERS = ("native", "ast", "wasm-session")

_expected: dict[str, Any] = {}


def native_checksum(workload: Workload) -> Any:
    """The checksum CPython computes: the expectation every runner must meet."""
    if workload.name not in _expected:
        _expected[workload.name] = RUNNERS["native"][0](workload, workload.n)()
    return _expected[workload.name]


@pytest.mark.parametrize("runner", BENCH_RUNNERS)
@pytest.mark.parametrize("workload", WORKLOADS, ids=lambda w: w.name)
def test_workload(benchmark: Any, workload: Workload, runner: str) -> None:
    expected = native_checksum(workload)
    try:
        thunk = RUNNERS[runner][0](workload, workload.n)
    except Unavailable as exc:
        pytest.skip(str(exc))
    benchmark.group = workload.name
    benchmark.extra_info["n"] = workload.n
    value = benchmark.pedantic(thunk, rounds=ROUNDS, warmup_rounds=1, iterations=1)
    assert value == expected


def test_checksums_are_stable() -> None:
    """Native CPython computes the same checksum twice for every workload (else the check above
    would compare against noise), and no checksum is trivial."""
    for workload in WORKLOADS:
        run = RUNNERS["native"][0](workload, workload.n)
        first, second = run(), run()
        assert first == second, workload.name
        assert isinstance(first, int) and first > 0, workload.name
