"""Minimal reproductions of what the fuzz properties found.

Open findings are strict xfails: one turns into a failure (XPASS) the day the interpreter is fixed,
and then its marker and its entry in known.py are removed, so the properties check it again; fixed
findings stay here as plain regression tests. Escapes among them belong in tests/security too.
"""
from __future__ import annotations

import pytest
import safeexec

from fuzz import oracle
from fuzz.test_differential import run_native, run_sandboxed


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


def test_exit_does_not_receive_a_traceback():
    """A sandbox `__exit__(kind, value, tb)` got the raw traceback object; a frame-bearing value
    must never reach sandboxed code (ATTACK-SURFACE 1a), even if every tb_* attribute is refused."""
    program = ("class Catch:\n    def __enter__(self):\n        return self\n"
               "    def __exit__(self, *exc):\n        global tb\n        tb = exc[2]\n"
               "        return True\nwith Catch():\n    fail()\ntb\n")
    outcome = oracle.run_outcome(program, limits=oracle.ESCAPE_LIMITS, tools=oracle.host.TOOLS)
    assert isinstance(outcome, safeexec.Result)
    assert oracle.forbidden_in_value(outcome.value) == []


def test_builtins_carry_no_interpreter_namespace():
    """Host code that reads `__globals__` of a function it is handed (the channel closed for
    sandbox-defined functions) must find nothing behind the sandbox's builtins either."""
    outcome = oracle.run_outcome(
        "[print, getattr, hasattr, setattr, delattr, dir, format, pow, sum, min, max, sorted, any, "
        "all, super, '{}'.format]", limits=oracle.ESCAPE_LIMITS)
    assert isinstance(outcome, safeexec.Result)
    assert oracle.forbidden_in_value(outcome.value) == []


@pytest.mark.parametrize("name", ["parse_object", "parse_array", "parse_string", "scan_once"])
def test_json_decoder_internals_stay_hidden(name):
    """JSONDecoder.__init__ (host code) stores json.decoder's functions in the instance dict; the
    instance dict of a host object is no sandbox storage, so the denied names stay refused."""
    for program in [f"import json\njson.JSONDecoder().{name}",
                    f"import json\nclass D(json.JSONDecoder):\n    pass\ngetattr(D(), {name!r})"]:
        outcome = oracle.run_outcome(program, limits=oracle.ESCAPE_LIMITS, allowed_imports=["json"])
        assert isinstance(outcome, safeexec.PolicyViolation), outcome
        assert f"attribute '{name}' is not allowed" in str(outcome)


@pytest.mark.parametrize("program", ["x = 1\nx is 1\n", "'\\d'\n", "{}()\n"])
def test_compile_warnings_stay_in_the_sandbox(program):
    """CPython's SyntaxWarning/DeprecationWarning for sandboxed source never reach the host."""
    with oracle.HostOutput() as printed:
        oracle.run_outcome(program, limits=oracle.ESCAPE_LIMITS)
    assert printed.problems() == []


POST_PARSE_SYNTAX_ERRORS = [
    "break", "continue", "return 1", "class C:\n    break", "def f(a, a):\n    pass",
    "[x := 1 for x in range(3)]", "match 1:\n    case a:\n        pass\n    case 1:\n        pass",
    "yield 1", "await x", "for x in []:\n    pass\nelse:\n    break",
    "def f():\n    class C:\n        return 1", "try:\n    pass\nfinally:\n    continue",
]


@pytest.mark.parametrize("program", POST_PARSE_SYNTAX_ERRORS)
def test_cpython_syntax_errors_are_parse_errors(program):
    """CPython's compile() rejects these after parsing (symtable and compiler checks); safeexec
    runs them or reports a policy violation instead of a ParseError."""
    with pytest.raises(SyntaxError):
        compile(program, "<s>", "exec", dont_inherit=True)
    with pytest.raises(safeexec.ParseError):
        safeexec.run(program)


TRACEBACKS = {
    "traceback-shows-qualname":
        "class C1:\n    def ratio(self, w):\n        return 1 // w\nC1().ratio(0)\n",
    "generator-frames-missing":
        "def g(n):\n    for v in range(n):\n        yield 1 // (v - 1)\nsum(g(3))\n",
}


@pytest.mark.parametrize("name", sorted(TRACEBACKS))
def test_traceback_frames_match_cpython(name):
    program = TRACEBACKS[name]
    assert run_sandboxed(program).frames == run_native(program).frames


def test_module_wraps_carry_no_interpreter_namespace():
    """The same for module wraps: wrapped functions, mirror classes' methods, method wraps."""
    outcome = oracle.run_outcome(
        "import json, functools, re\np = re.compile('a')\n[json.dumps, json.loads, "
        "json.JSONEncoder.encode, json.JSONEncoder().encode, functools.reduce, functools.wraps, "
        "p.match, p.sub]", limits=oracle.ESCAPE_LIMITS, allowed_imports=["json", "functools", "re"])
    assert isinstance(outcome, safeexec.Result)
    assert oracle.forbidden_in_value(outcome.value) == []
