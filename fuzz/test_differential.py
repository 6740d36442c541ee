"""Differential: generated terminating programs behave under safeexec exactly as under CPython.

CPython runs each program in-process (`exec`, REPL-style value of a final expression, stdout
captured) and is the oracle for six fields: printed output, repr of the value, uncaught exception
type, its message, its line, and the traceback's frames of the program (line, function name and
source line of each; host frames are not shown by either). tests/behaviour_runner.py does the same
for hand-written cases without the last two; this one also runs each program under a watchdog.

Trap: the generator guarantees termination (strategies/typed_programs.py); a native run that hangs
is a generator bug and fails loudly rather than being skipped.
"""
from __future__ import annotations

import ast
import contextlib
import io
import re
import traceback
import warnings
from dataclasses import dataclass, replace

import safeexec
from hypothesis import example, given

from fuzz import oracle
from fuzz.known import explain_frames
from fuzz.profiles import examples, tally
from fuzz.strategies.typed_programs import typed_programs

FILENAME = "<fuzz>"
LIMITS = safeexec.Limits(max_ops=2_000_000, timeout=10.0, max_depth=200)


@dataclass(frozen=True)
class Outcome:
    output: str
    value: str | None
    exc_type: str | None = None
    message: str | None = None
    lineno: int | None = None
    frames: tuple = ()


FRAME = re.compile(r'^  File "<[^>]*>", line (\d+), in (.+)\n(?:    (.*)\n)?', re.M)


def sandbox_frames(traceback_text: str) -> tuple:
    return tuple((int(m[1]), m[2], (m[3] or "").strip()) for m in FRAME.finditer(traceback_text + "\n"))


def run_native(program: str) -> Outcome:
    tree = ast.parse(program, FILENAME)
    last = ast.Expression(tree.body.pop().value) if isinstance(tree.body[-1], ast.Expr) else None
    lines = program.splitlines()     # linecache knows no "<fuzz>" file: take source lines here
    namespace = {"__name__": "__main__"}
    out = io.StringIO()
    value = None
    with oracle.Watchdog(10.0), contextlib.redirect_stdout(out):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SyntaxWarning)
                body = compile(tree, FILENAME, "exec", dont_inherit=True)
                last = compile(last, FILENAME, "eval", dont_inherit=True) if last is not None else None
            exec(body, namespace)
            if last is not None:
                value = eval(last, namespace)
        except Exception as exc:  # noqa: BLE001 - the program's own uncaught exception
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == FILENAME]
            return Outcome(out.getvalue(), None, type(exc).__name__, str(exc),
                           frames[-1].lineno if frames else None,
                           tuple((f.lineno, f.name, lines[f.lineno - 1].strip()) for f in frames))
    return Outcome(out.getvalue(), None if value is None else repr(value))


def run_sandboxed(program: str) -> Outcome:
    outcome = oracle.run_outcome(program, limits=LIMITS, allowed_imports=["math"])
    if isinstance(outcome, safeexec.Result):
        return Outcome(outcome.output, None if outcome.value is None else repr(outcome.value))
    if isinstance(outcome, safeexec.CodeError):
        return Outcome(outcome.output, None, outcome.exc_type, outcome.message, outcome.lineno,
                       sandbox_frames(outcome.traceback))
    raise AssertionError(f"safeexec refused a program CPython runs: {type(outcome).__name__}: {outcome}")


@examples(ci=1_000, deep=50_000)
@given(typed_programs())
@example(program="class C1:\n    def ratio(self, w):\n        return 1 // w\nC1().ratio(0)\n")
@example(program="def g(n):\n    for v in range(n):\n        yield 1 // (v - 1)\nsum(g(3))\n")
def test_same_as_cpython(program):
    expected = run_native(program)
    actual = run_sandboxed(program)
    known = None
    if actual != expected and replace(actual, frames=()) == replace(expected, frames=()):
        known = explain_frames(program, expected.frames, actual.frames)
    tally("test_same_as_cpython", f"known:{known}" if known else "error" if expected.exc_type else "ok")
    assert known or actual == expected, f"\n  CPython  {expected}\n  safeexec {actual}"
