"""Robustness: arbitrary valid programs never crash safeexec with an internal error.

Every outcome is a Result or a SafeexecError (`oracle.run_outcome` fails on anything else), with
small limits (max_ops=10_000, timeout=0.5). Beyond that:
- CPython is the oracle for syntax: `compile()` rejects the program exactly when safeexec raises
  ParseError (a program CPython compiles must not come back as ParseError, and vice versa);
- a CodeError names a real exception type and carries no interpreter-internal signal or host path;
- nothing is written to the host's stdout/stderr (compile warnings included).
"""
from __future__ import annotations

import builtins
import importlib
import warnings

import pytest
import safeexec
from hypothesis import example, given
from hypothesis import strategies as st

from fuzz import oracle
from fuzz.known import known_finding
from fuzz.profiles import examples, tally
from fuzz.strategies.syntax import ast_programs, grammar_programs

SMALL = safeexec.Limits(max_ops=10_000, timeout=0.5, max_memory=64 * 2**20, max_output=10_000,
                        max_depth=50)
IMPORTS = ["math", "json", "re", "collections", "itertools", "functools", "string"]
SOUP = "()[]{}:;,.=+-*/%@<>!~^&|'\"\\#\n\t 0123456789abcxyzforinifdefclassyieldlambda_é\x00\x0c\r"
INTERNAL_NAMES = {"LimitHit", "Hang", "Stop", "Unsupported", "StopSignal", "ReturnSignal"}
KNOWN_EXCEPTIONS = {
    name for module in [builtins] + [importlib.import_module(m) for m in IMPORTS]
    for name, value in vars(module).items()
    if isinstance(value, type) and issubclass(value, BaseException)} - INTERNAL_NAMES


def cpython_compiles(program: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(program, "<fuzz>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return False
    return True


def robustness_problems(program: str, outcome) -> list[str]:
    problems = []
    compiles = cpython_compiles(program)
    if isinstance(outcome, safeexec.ParseError) and compiles:
        problems.append(f"ParseError for a program CPython compiles: {outcome}")
    if not isinstance(outcome, safeexec.ParseError) and not compiles:
        problems.append(f"CPython rejects this program but safeexec gave {type(outcome).__name__}")
    if isinstance(outcome, safeexec.CodeError) and outcome.exc_type not in KNOWN_EXCEPTIONS \
            and f"class {outcome.exc_type}" not in program:
        problems.append(f"unknown exception type {outcome.exc_type!r}: {outcome}")
    return problems + oracle.leaks(outcome)


def check_robust(program: str, prop: str) -> None:
    with oracle.HostOutput() as printed:
        outcome = oracle.run_outcome(program, limits=SMALL, grace=3.0, allowed_imports=IMPORTS)
    problems = robustness_problems(program, outcome) + printed.problems()
    known = known_finding(program, problems)
    tally(prop, f"known:{known.name}" if known else outcome)
    assert known or not problems, "; ".join(problems)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")   # hypothesmith compiles what it draws
@examples(ci=150, deep=20_000)
@given(grammar_programs())
def test_grammar_programs_never_crash(program):
    check_robust(program, "test_grammar_programs_never_crash")


@examples(ci=500, deep=50_000)
@given(ast_programs())
@example(program="break\n")   # ran as a Result before post-parse SyntaxErrors were checked
def test_ast_programs_never_crash(program):
    check_robust(program, "test_ast_programs_never_crash")


@examples(ci=100, deep=20_000)
@given(st.text(alphabet=st.sampled_from(list(SOUP)), max_size=80))
def test_token_soup_never_crashes(program):
    """Mostly invalid source: the parser path (positions, caret line, odd bytes) must hold."""
    check_robust(program, "test_token_soup_never_crashes")
