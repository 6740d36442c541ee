"""Limits: op counts are deterministic and exact, deadlines hold, memory and output stay bounded,
and deep structures never take the host down.

Slack, documented here and in README.md:
- ops: none. A run that completes with `ops == K` must also complete under max_ops=K and must fail
  with LimitExceeded("ops") under any budget below K; a run stopped by a budget N has done at most
  N ops of work (the ops of the completed iterations) and could not have done one more iteration.
- time: the run returns within `timeout + TIME_SLACK` seconds of wall time (1.5 s: the clock is
  polled every ~1k ops, and CI machines are shared).
- memory: the peak resident set of the process rises by at most `max_memory + memory.SLACK`
  (64 MiB) during a run; a MemoryError coming back means an allocation was not pre-checked.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import safeexec
from hypothesis import assume, example, given
from hypothesis import strategies as st

from fuzz import memory, oracle
from fuzz.profiles import examples, tally
from fuzz.strategies.limits import (SLOW_CLASS, counted_loops, deep_structures, memory_hazards,
                                   time_hazards)
from fuzz.strategies.typed_programs import typed_programs

TIME_SLACK = 1.5
BIG = safeexec.Limits(max_ops=50_000_000, timeout=30.0)
IMPORTS = ["itertools", "collections", "re", "math", "time", "decimal", "fractions", "hashlib",
           "statistics", "random", "json", "copy"]


def run(program: str, limits: safeexec.Limits):
    return oracle.run_outcome(program, limits=limits, allowed_imports=IMPORTS + ["math"])


def completed(program: str, limits: safeexec.Limits = BIG) -> safeexec.Result:
    outcome = run(program, limits)
    assert isinstance(outcome, safeexec.Result), f"expected to complete: {outcome}"
    return outcome


# -- ops ------------------------------------------------------------------------------------------
@examples(ci=150, deep=5_000)
@given(typed_programs())
def test_ops_are_deterministic(program):
    first, second = run(program, BIG), run(program, BIG)
    tally("test_ops_are_deterministic", first)
    if isinstance(first, safeexec.Result):
        assert isinstance(second, safeexec.Result)
        assert (first.ops, first.output, repr(first.value)) == (second.ops, second.output, repr(second.value))
    else:
        assert type(first) is type(second) and str(first) == str(second)


@examples(ci=150, deep=5_000)
@given(typed_programs(), st.data())
def test_ops_budget_is_exact(program, data):
    """Under max_ops=K a program that needs K ops completes; under any smaller budget it fails."""
    full = run(program, BIG)
    assume(isinstance(full, safeexec.Result) and full.ops > 1)
    tally("test_ops_budget_is_exact", full)
    exact = completed(program, safeexec.Limits(max_ops=full.ops, timeout=30.0))
    assert (exact.output, exact.ops) == (full.output, full.ops)
    budget = data.draw(st.integers(1, full.ops - 1), label="budget")
    short = run(program, safeexec.Limits(max_ops=budget, timeout=30.0))
    assert isinstance(short, safeexec.LimitExceeded) and short.limit == "ops", \
        f"{full.ops} ops needed, budget {budget}: {short!r}"
    assert full.output.startswith(short.output)


@examples(ci=150, deep=5_000)
@given(counted_loops(), st.integers(2, 40), st.data())
def test_ops_budget_stops_within_budget(template, n, data):
    """A budget N stops the loop after the last iteration that fits in N ops, not before or after."""
    full = completed(template.format(n=n))
    assume(full.ops > 1)
    budget = data.draw(st.integers(1, full.ops - 1), label="budget")
    stopped = run(template.format(n=n), safeexec.Limits(max_ops=budget, timeout=30.0))
    tally("test_ops_budget_stops_within_budget", stopped)
    assert isinstance(stopped, safeexec.LimitExceeded) and stopped.limit == "ops", stopped
    done = stopped.output.count("\n")       # iterations that printed their index
    assert stopped.output == "".join(f"{i}\n" for i in range(done))
    if done:        # with no iteration done, the budget may have run out in the prelude
        assert completed(template.format(n=done)).ops <= budget, "worked past its budget"
    assert completed(template.format(n=done + 1)).ops > budget, "stopped before its budget was spent"


# -- time -----------------------------------------------------------------------------------------
@examples(ci=60, deep=3_000)
@given(time_hazards(), st.sampled_from([0.2, 0.4]))
@example(  # with 1,000 iterations per comparison this finished inside 0.4 s once calls got faster
    program="import itertools, collections, re, math, time, decimal, fractions, hashlib, statistics\n"
            + SLOW_CLASS + "def g():\n    sorted([Slow() for _ in range(2000)])\n    yield 1\n"
            "list(g())\n", timeout=0.4)
def test_deadline_is_honoured(program, timeout):
    limits = safeexec.Limits(max_ops=10**9, timeout=timeout, max_memory=256 * 2**20)
    start = time.monotonic()
    outcome = run(program, limits)
    took = time.monotonic() - start
    tally("test_deadline_is_honoured", outcome)
    assert isinstance(outcome, safeexec.SafeexecError), f"a hazard completed: {outcome}"
    assert not isinstance(outcome, safeexec.CodeError) or outcome.exc_type not in (
        "MemoryError", "RecursionError", "OverflowError"), outcome
    assert took <= timeout + TIME_SLACK, f"returned after {took:.2f} s (timeout {timeout} s)"


# -- memory ---------------------------------------------------------------------------------------
@examples(ci=100, deep=5_000)
@given(memory_hazards())
@example(program="import itertools, random, re\nx = set(range(1486448))\n")  # 40 B/item was charged
def test_memory_is_bounded(program):
    limits = safeexec.Limits(max_ops=10**8, timeout=3.0, max_memory=64 * 2**20)
    with memory.PeakRss() as peak, memory.address_space_cap(4 * 2**30):
        outcome = run(program, limits)
    tally("test_memory_is_bounded", outcome)
    assert not (isinstance(outcome, safeexec.CodeError) and outcome.exc_type == "MemoryError"), \
        f"an allocation was not pre-checked: {outcome}"
    assert peak.grew <= limits.max_memory + memory.SLACK, f"peak RSS rose by {peak.grew / 2**20:.0f} MiB"


# -- output ---------------------------------------------------------------------------------------
@examples(ci=30, deep=3_000)
@given(st.sampled_from(["print(s)", "print(s, end='')", "print(*[s] * 3)", "print(s, sep=s)"]),
       st.integers(1, 5000), st.sampled_from(["a", "é", "😀", "\n"]))
def test_output_is_bounded(statement, width, char):
    limits = safeexec.Limits(max_ops=10**7, timeout=5.0, max_output=10_000)
    outcome = run(f"s = {char!r} * {width}\nwhile True:\n    {statement}\n", limits)
    tally("test_output_is_bounded", outcome)
    assert isinstance(outcome, safeexec.LimitExceeded) and outcome.limit == "output", outcome
    assert len(outcome.output.encode("utf-8", "surrogatepass")) <= limits.max_output


# -- deep structures (in a child process: these crash CPython itself when unguarded) --------------
CHILD = """
import json, sys, safeexec
try:
    r = safeexec.run(sys.stdin.read(), allowed_imports=["itertools", "json", "copy"],
                     limits=safeexec.Limits(max_ops=20_000_000, timeout=20.0))
    print(json.dumps(["Result", ""]))
except safeexec.SafeexecError as e:
    print(json.dumps([type(e).__name__, str(e)[:300]]))
"""


@examples(ci=6, deep=300)
@given(deep_structures())
def test_deep_structures_never_crash_the_host(program):
    child = subprocess.run([sys.executable, "-c", CHILD], input=program, capture_output=True,
                           text=True, timeout=120, env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    assert child.returncode == 0, f"the host process died ({child.returncode}): {child.stderr[-1500:]}"
    kind, message = json.loads(child.stdout.strip().splitlines()[-1])
    tally("test_deep_structures_never_crash_the_host", kind)
    assert kind in ("Result", "LimitExceeded", "CodeError", "PolicyViolation"), message
