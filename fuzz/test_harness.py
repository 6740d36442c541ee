"""Checks of the fuzzing machinery itself, without the sandbox: a fuzzer whose programs do not
compile, whose programs do not terminate, or whose oracle cannot see an escape is vacuous.

The oracle is checked against unsandboxed CPython: `safeexec.run` is replaced by plain `exec`, and
real escapes (a file write, a secret read through `__globals__`, a module patched, a frame handed
back) must each be reported.
"""
from __future__ import annotations

import ast
import contextlib
import io
import time

import pytest
import safeexec
from hypothesis import given

from fuzz import host, oracle
from fuzz.profiles import examples
from fuzz.strategies import escape_parts as parts
from fuzz.strategies import limits as limit_parts
from fuzz.strategies.escape import escape_programs
from fuzz.strategies.typed_programs import typed_programs
from fuzz.test_differential import run_native


def test_escape_snippets_compile():
    snippets = (parts.EXCEPTION_STARTS + parts.GENERATOR_STARTS + parts.CLASS_STARTS + parts.GOALS
                + [f"x = {e}" for e in parts.LITERALS + parts.BUILTIN_NAMES + parts.HOST_NAMES
                   + parts.MODULE_STARTS]
                + [f"try:\n    {t}\nexcept BaseException:\n    pass" for t in parts.SPY_TRIGGERS])
    for snippet in snippets:
        ast.parse(snippet)
    assert not any(host.SECRET_PREFIX in s for s in snippets)


def test_limit_hazards_compile():
    for hazard in limit_parts.TIME_HAZARDS:
        for context in limit_parts.CONTEXTS:
            ast.parse(context.replace("{h4}", limit_parts._indent(hazard, 4))
                      .replace("{h8}", limit_parts._indent(hazard, 8)).replace("{h}", hazard))
    for allocation in limit_parts.ALLOCATIONS:
        ast.parse(allocation.format(n=10))


@examples(ci=100, deep=5_000)
@given(escape_programs())
def test_escape_programs_compile(program):
    compile(program, "<fuzz>", "exec", dont_inherit=True)


@examples(ci=50, deep=5_000)
@given(typed_programs())
def test_typed_programs_terminate_and_repeat(program):
    """The differential generator's promise: fast, terminating and deterministic under CPython."""
    start = time.monotonic()
    first = run_native(program)
    assert time.monotonic() - start < 2.0
    assert run_native(program) == first


# -- the oracle sees real escapes when nothing sandboxes the code ---------------------------------
def native_run(code, *, limits=None, allowed_imports=(), tools=None, variables=None, **_):
    namespace = {"__name__": "__main__", **(tools or {}), **(variables or {})}
    tree = ast.parse(code)
    ends_in_expr = tree.body and isinstance(tree.body[-1], ast.Expr)
    last = ast.Expression(tree.body.pop().value) if ends_in_expr else None
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(tree, "<native>", "exec", dont_inherit=True), namespace)
        value = eval(compile(last, "<native>", "eval", dont_inherit=True), namespace) if last else None
    return safeexec.Result(value, out.getvalue(), 0, 0.0)


NATIVE_ESCAPES = {
    "canary written": "open(CANARY, 'w').write('pwned')",
    "file created": "import os\nos.system('touch ' + CREATED)",
    "secret via __globals__": "print(lookup.__globals__['SECRET'])",
    "secret via closure": "lookup.__closure__[0].cell_contents",
    "secret via environ": "import os\nos.environ['SAFEEXEC_FUZZ_SECRET']",
    "secret via tb_frame": "try:\n    fail()\nexcept ValueError as e:\n    x = e.__traceback__.tb_next.tb_frame.f_locals\nx",
    "module patched": "import json\njson.dumps = None",
    "host class patched": "type(record).describe = lambda self: 'owned'",
    "frame handed back": "import sys\nsys._getframe()",
    "module handed back": "import os\nos",
    "real eval handed back": "eval",
    "module namespace handed back": "lookup.__globals__",
    "random state changed": "import random\nrandom.seed(12345)",
    "host stdout written": "import sys\nsys.__stdout__.write('')\nprint('x', file=sys.stderr)",
}


@pytest.mark.parametrize("name", sorted(NATIVE_ESCAPES))
def test_oracle_reports_native_escapes(name, monkeypatch):
    monkeypatch.setattr(safeexec, "run", native_run)
    with pytest.raises(oracle.EscapeFound):
        oracle.run_checked(NATIVE_ESCAPES[name])
    assert not oracle.files_changed(), "the oracle must restore the work directory"


def test_oracle_accepts_harmless_native_code(monkeypatch):
    monkeypatch.setattr(safeexec, "run", native_run)
    outcome = oracle.run_checked("import json\nprint(json.dumps(data['rows']))\nlookup('k')")
    assert isinstance(outcome, safeexec.Result) and outcome.value == "value of k"
