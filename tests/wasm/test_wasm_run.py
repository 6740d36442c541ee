"""Running code on the wasm backend: REPL values, output, sessions, values crossing the boundary,
and the errors, each compared with what CPython itself says where it can."""
from __future__ import annotations

import ast
import traceback

import pytest

import safeexec
from safeexec import CodeError, ParseError

from .helpers import failure, run

pytestmark = pytest.mark.usefixtures("wasm")


def cpython(code: str):
    """(value, printed) of `code` in this CPython, REPL-style."""
    import contextlib
    import io
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    ns: dict = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(tree, "<code>", "exec"), ns)
        value = eval(compile(ast.Expression(last.value), "<code>", "eval"), ns) if last else None
    return value, out.getvalue()


@pytest.mark.parametrize("code", [
    "1 + 1",
    "x = 5\nx * 2",
    "x = 5",
    "print('a', 1, sep='-', end='!')\nprint()",
    "def f(*a, **k):\n    return a, k\nf(1, 2, z=3)",
    "class P:\n    def __init__(self, x):\n        self.x = x\n    def __repr__(self):\n"
    "        return f'P({self.x})'\n[P(1), P(2)][1].x",
    "sorted({'b': 2, 'a': 1}.items())",
    "import math\nmath.factorial(30)",
    "[n for n in range(30) if n % 7 == 3]",
    "s = 'héllo wörld'\ns.title(), s.encode()",
    "(1, (2, 3), {4}, frozenset({5}), b'6', None, 7.5, 2 ** 200)",
    "print('é' * 3)\n{1: 'a', (2, 3): {'b'}}",
])
def test_results_match_cpython(code: str) -> None:
    value, printed = cpython(code)
    result = run(code, allowed_imports=["math"])
    assert (result.value, result.output) == (value, printed)
    assert type(result.value) is type(value)
    assert result.stopped is False and result.ops >= 0 and result.duration > 0


def test_values_that_cannot_cross_come_back_as_their_repr() -> None:
    result = run("class A:\n    def __repr__(self):\n        return '<A!>'\nA()")
    assert result.value == "<A!>"
    assert run("len").value == "<built-in function len>"
    assert run("import collections\ncollections.OrderedDict(a=1)",
               allowed_imports=["collections"]).value == "OrderedDict({'a': 1})"


def test_a_failing_repr_of_the_value_is_a_code_error() -> None:
    err = failure("class A:\n    def __repr__(self):\n        return 1 / 0\nA()")
    assert isinstance(err, CodeError) and err.exc_type == "ZeroDivisionError"


def test_session_keeps_names_functions_and_classes() -> None:
    with safeexec.Session(backend="wasm") as s:
        s.run("def double(v):\n    return 2 * v\nclass Box:\n    size = 3\nitems = []")
        s.run("items.append(double(Box.size))")
        assert s.run("items").value == [6]
        assert s.variables == {"items": [6]}    # functions and classes stay in the guest


def test_variables_are_a_copy_and_initial_variables_arrive() -> None:
    rows = [{"n": 1}, {"n": (2, 3)}]
    with safeexec.Session(backend="wasm", variables={"rows": rows, "k": 10}) as s:
        assert s.run("rows[1]['n'][1] * k").value == 30
        names = s.variables
        assert names == {"rows": rows, "k": 10}
        names["k"] = 99
        assert s.run("k").value == 10
    assert rows == [{"n": 1}, {"n": (2, 3)}]      # the host's objects were never shared


def test_initial_variables_must_be_able_to_cross() -> None:
    with pytest.raises(TypeError, match="'handle'"):
        safeexec.Session(backend="wasm", variables={"ok": 1, "handle": open})


def test_code_error_fields_match_cpython() -> None:
    code = "def ratio(a, b):\n    return a / b\n\nprint('start')\nratio(1, 0)\n"
    try:
        exec(compile(code, "<code>", "exec"), {})
    except ZeroDivisionError as exc:
        expected = exc
    err = failure(code)
    assert isinstance(err, CodeError)
    assert (err.exc_type, err.message, err.output) == ("ZeroDivisionError", str(expected),
                                                       "start\n")
    assert err.lineno == traceback.extract_tb(expected.__traceback__)[-1].lineno == 2
    lines = err.traceback.rstrip().splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-1] == "ZeroDivisionError: division by zero"
    assert '  File "<code>", line 5, in <module>' in lines and "    ratio(1, 0)" in lines
    assert '  File "<code>", line 2, in ratio' in lines and "    return a / b" in lines


def test_traceback_has_no_driver_or_host_frames() -> None:
    def tool(x):
        raise KeyError(x)
    err = failure("def go():\n    return lookup('k')\ngo()", tools={"lookup": tool})
    assert err.exc_type == "KeyError" and err.message == "'k'" and err.lineno == 2
    assert "<safeexec>" not in err.traceback and "safeexec" not in err.traceback
    assert err.traceback.count('File "<code>"') == 2


def test_exception_chains_are_formatted_like_cpython() -> None:
    err = failure("try:\n    {}['a']\nexcept KeyError as e:\n    raise ValueError('bad') from e")
    assert err.exc_type == "ValueError" and err.message == "bad"
    assert "The above exception was the direct cause of the following exception" in err.traceback
    assert "KeyError: 'a'" in err.traceback


@pytest.mark.parametrize("exc", ["SystemExit(3)", "KeyboardInterrupt", "GeneratorExit"])
def test_base_exceptions_become_code_errors(exc: str) -> None:
    err = failure(f"print('x')\nraise {exc}")
    assert isinstance(err, CodeError) and err.exc_type == exc.split("(")[0]
    assert err.output == "x\n"


@pytest.mark.parametrize("code", ["x = (1 +\n", "a = 1\nif a = 1:\n    pass\n",
                                  "def f():\n    return 1\n  x = 2\n", "print('unterminated)\n"])
def test_parse_errors_match_the_host_parser(code: str) -> None:
    try:
        ast.parse(code)
    except SyntaxError as exc:
        expected = exc
    err = failure(code)
    assert isinstance(err, ParseError)
    assert (err.lineno, err.col, err.reason) == (expected.lineno, expected.offset, expected.msg)
    assert err.output == ""


def test_names_persist_after_an_error() -> None:
    with safeexec.Session(backend="wasm") as s:
        with pytest.raises(CodeError):
            s.run("y = 1\n1 / 0")
        assert s.run("y").value == 1


def test_guest_is_cpython_312() -> None:
    # the wasm backend runs real CPython: what the ast backend refuses by policy just works here
    result = run("class M(type):\n    pass\nclass C(metaclass=M):\n    pass\n"
                 "(type(C).__name__, C.__mro__[-1].__name__, eval('6 * 7'))")
    assert result.value == ("M", "object", 42)
