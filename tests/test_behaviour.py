"""Behaviour suite: every program in tests/cases/ runs in CPython and in each safeexec backend, and
the two must agree on printed output, REPL value, uncaught exception type and message.

Cases are data: add `tests/cases/<area>__<topic>.py` (5 to 40 lines; an optional first line
`# imports: a, b` lists the modules it needs) and it is picked up. A case states no expectation:
whatever CPython does with it is the expectation. The convention test keeps cases within what the
sandbox allows by design, so that a failure is about fidelity, not policy.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from behaviour_runner import (CASES_DIR, diff_outcomes, read_case, run_native, run_safe,
                              wasm_unavailable)

BACKENDS = ("ast", "wasm")
MIN_CASES = 150
CASES = sorted(CASES_DIR.glob("*.py"))

# Cases whose CPython answer the wasm backend cannot give, by case name -> why. Each is a difference
# of the guest (CPython 3.12 on WASI) from the host (CPython 3.11 on Linux), isolated in a small
# case of its own so that the rest of its area still runs on wasm. Not a place to park bugs.
_GUEST_312 = "the wasm guest is CPython 3.12: "
WASM_SKIPS: dict[str, str] = {
    "builtins__max_empty_message":
        _GUEST_312 + "max()/min() of nothing say 'iterable argument is empty' "
        "(3.11: 'arg is an empty sequence')",
    "builtins__sum_float_precision":
        _GUEST_312 + "sum() of floats is compensated (sum([0.1] * 10) == 1.0; "
        "3.11: 0.9999999999999999)",
    "mod__ordereddict_repr":
        _GUEST_312 + "OrderedDict's repr is OrderedDict({...}) (3.11: OrderedDict([...]))",
    "err__overflow_float":
        "WASI's libc reports ERANGE as (68, 'Result not representable'); Linux as "
        "(34, 'Numerical result out of range')",
}

# Interpreter bugs of the ast backend, by case name -> what goes wrong. Strict xfails: a fix makes
# the case pass, which fails the suite until its entry is removed.
AST_KNOWN_BUGS: dict[str, str] = {}

# What a case may not do: the sandbox refuses it by design, or CPython's answer is not stable
# (object addresses from id() or default reprs, str hash order, time).
ALLOWED_DUNDER_ATTRIBUTES = frozenset({"__init__", "__name__", "__class__", "__doc__",
                                       "__qualname__"})
FORBIDDEN_ATTRIBUTES = frozenset({"mro"})  # the ast policy denies it (it walks class hierarchies)
FORBIDDEN_NAMES = frozenset({"open", "eval", "exec", "compile", "globals", "locals", "vars",
                             "__import__", "input", "id", "breakpoint", "dir", "help", "exit",
                             "quit", "memoryview"})


def _convention_problems(path: Path) -> list[str]:
    code, imports = read_case(path)
    problems = []
    if not 5 <= len(code.splitlines()) <= 40:
        problems.append(f"{len(code.splitlines())} lines (a case has 5 to 40)")
    if "__" not in path.stem:
        problems.append("name is not <area>__<topic>.py")
    for node in ast.walk(ast.parse(code, path.name)):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Attribute) and (
                node.attr in FORBIDDEN_ATTRIBUTES
                or node.attr.startswith("_") and node.attr not in ALLOWED_DUNDER_ATTRIBUTES):
            problems.append(f"{where}: attribute {node.attr!r}")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            problems.append(f"{where}: name {node.id!r}")
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) \
                and node.id.startswith("__"):
            problems.append(f"{where}: dunder name {node.id!r}")
        elif isinstance(node, ast.Import):
            problems += [f"{where}: import {alias.name!r} not in the imports header"
                         for alias in node.names if alias.name not in imports]
        elif isinstance(node, ast.ImportFrom) and node.module not in imports:
            problems.append(f"{where}: from {node.module!r} not in the imports header")
    return problems


def _case_params():
    for case in CASES:
        for backend in BACKENDS:
            marks = []
            if backend == "ast" and case.stem in AST_KNOWN_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=AST_KNOWN_BUGS[case.stem]))
            yield pytest.param(case, backend, marks=marks, id=f"{case.stem}-{backend}")


def test_suite_has_enough_cases() -> None:
    assert len(CASES) >= MIN_CASES, f"only {len(CASES)} case files in {CASES_DIR}"


def test_skip_and_bug_lists_name_existing_cases() -> None:
    assert set(WASM_SKIPS) | set(AST_KNOWN_BUGS) <= {path.stem for path in CASES}


def test_cases_follow_the_convention() -> None:
    problems = [f"{path.name}: {problem}" for path in CASES
                for problem in _convention_problems(path)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case, backend", list(_case_params()))
def test_case(case: Path, backend: str) -> None:
    if backend == "wasm":
        reason = wasm_unavailable()
        if reason:
            pytest.skip(reason)
        if case.stem in WASM_SKIPS:
            pytest.skip(f"wasm: {WASM_SKIPS[case.stem]}")
    code, imports = read_case(case)
    expected = run_native(code, imports)
    actual = run_safe(code, imports, backend)
    diff = diff_outcomes(expected, actual, value_as_repr=backend == "wasm")
    assert not diff, f"{case.name} on {backend} differs from CPython:\n{diff}"
