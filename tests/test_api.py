"""The public contract of DESIGN.md: entry points, Result, sessions, tools, Stop, each error class,
limits, and argument validation.

Every test that runs code runs on each backend (wasm is skipped where it cannot run). Expectations
that CPython can give (messages, syntax error positions) are taken from CPython, not written here.
"""
from __future__ import annotations

import ast
import inspect
import os
import time
import traceback

import pytest

import safeexec
from behaviour_runner import wasm_unavailable
from safeexec import (CodeError, Limits, LimitExceeded, ParseError, PolicyViolation, Result,
                      SafeexecError, Session, Stop)


_ISOLATION = ("wasm enforces the threat model by isolation: inside the guest, names and attributes "
              "are not policed and only import statements are checked against the policy")
# Tests whose contract holds for the ast backend only, by test function name -> why.
WASM_DIFFERENCES: dict[str, str] = {
    "test_forbidden_names_and_attributes": _ISOLATION,
    "test_violations_are_collected_with_positions": _ISOLATION,
    "test_runtime_refusal_keeps_output_and_is_uncatchable": _ISOLATION,
}


@pytest.fixture(params=["ast", "wasm"])
def backend(request) -> str:
    if request.param == "wasm":
        reason = wasm_unavailable() or WASM_DIFFERENCES.get(request.function.__name__)
        if reason:
            pytest.skip(reason)
    return request.param


def final_answer(value):
    """A tool that ends the run, as an agent's final_answer does."""
    raise Stop(value)


def cpython_error(code: str) -> BaseException:
    try:
        exec(compile(code, "<sandbox>", "exec"), {"__name__": "__main__"})
    except Exception as exc:  # the error is the expectation
        return exc
    raise AssertionError("the code ran without error in CPython")


# -- entry points and defaults ----------------------------------------------------------------


def test_wasm_differences_name_existing_tests() -> None:
    assert set(WASM_DIFFERENCES) <= {name for name in globals() if name.startswith("test_")}


def test_limits_defaults() -> None:
    limits = Limits()
    assert (limits.max_ops, limits.timeout, limits.max_memory, limits.max_output,
            limits.max_depth) == (10_000_000, 5.0, 256 * 2**20, 1_000_000, 200)


def test_limits_are_immutable() -> None:
    with pytest.raises(AttributeError):
        Limits().max_ops = 1  # type: ignore[misc]


def test_run_and_session_signatures() -> None:
    for entry in (safeexec.run, Session):
        params = inspect.signature(entry).parameters
        for name in ("allowed_imports", "tools", "variables", "limits", "backend"):
            assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, (entry, name)
        assert params["backend"].default == "ast"
        assert params["limits"].default is None
    assert list(inspect.signature(safeexec.run).parameters)[0] == "code"


def test_session_defaults_to_ast_backend_and_default_limits() -> None:
    with Session() as session:
        assert session.backend == "ast"
        assert session.limits == Limits()


def test_result_fields(backend: str) -> None:
    assert list(Result.__slots__) == ["value", "output", "ops", "duration", "stopped"]
    result = safeexec.run("total = 0\nfor i in range(10):\n    total += i\nprint(total)\ntotal * 2",
                          backend=backend)
    assert isinstance(result, Result)
    assert result.value == 90
    assert result.output == "45\n"
    assert isinstance(result.ops, int) and result.ops > 0
    assert isinstance(result.duration, float) and 0 < result.duration < 5
    assert result.stopped is False


def test_ops_are_deterministic(backend: str) -> None:
    code = "def f(n):\n    return n if n < 2 else f(n - 1) + f(n - 2)\nf(12)"
    first, second = (safeexec.run(code, backend=backend) for _ in range(2))
    assert first.value == second.value == 144
    assert first.ops == second.ops > 0


# -- REPL value ------------------------------------------------------------------------------

@pytest.mark.parametrize("code, value", [
    ("1 + 1", 2),
    ("x = 5\nx * 2", 10),
    ("x = 1; x + 1", 2),
    ("x = 5", None),
    ("7\nx = 1", None),
    ("if True:\n    7", None),
    ("for i in range(3):\n    i", None),
    ("def f():\n    return 3", None),
    ("print('hi')", None),
    ("'text'.upper()", "TEXT"),
    ("[1, 2][-1]", 2),
    ("", None),
    ("# only a comment\n", None),
    ("(x := 4)", 4),
])
def test_repl_value_is_the_last_expression_statement(backend: str, code: str, value) -> None:
    assert safeexec.run(code, backend=backend).value == value


def test_empty_code_prints_nothing(backend: str) -> None:
    result = safeexec.run("", backend=backend)
    assert (result.value, result.output, result.stopped) == (None, "", False)


# -- sessions and variables ------------------------------------------------------------------


def test_session_keeps_names_between_runs(backend: str) -> None:
    with Session(backend=backend) as session:
        assert session.run("x = 1").value is None
        assert session.run("x + 1").value == 2
        session.run("def double(v):\n    return 2 * v\nclass Box:\n    size = 3")
        assert session.run("double(x) + Box.size").value == 5
        session.run("x += 10")
        assert session.run("x").value == 11


def test_session_survives_an_error(backend: str) -> None:
    with Session(backend=backend) as session:
        session.run("x = 'kept'")
        with pytest.raises(CodeError):
            session.run("y = 1\n1 / 0")
        assert session.run("x").value == "kept"
        assert session.run("y").value == 1  # CPython keeps the names bound before the error


def test_session_variables_is_a_copy(backend: str) -> None:
    with Session(backend=backend) as session:
        session.run("x = 1\nitems = [1, 2]")
        names = session.variables
        assert names["x"] == 1 and names["items"] == [1, 2]
        names["x"] = 99
        names["injected"] = True
        assert session.run("x").value == 1
        with pytest.raises(CodeError) as err:
            session.run("injected")
        assert err.value.exc_type == "NameError"
        assert "injected" not in session.variables


def test_initial_variables(backend: str) -> None:
    rows = [{"n": 1}, {"n": 2}]
    result = safeexec.run("print(len(rows))\nsum(r['n'] for r in rows) * factor",
                          variables={"rows": rows, "factor": 10}, backend=backend)
    assert (result.value, result.output) == (30, "2\n")
    with Session(variables={"greeting": "hi"}, backend=backend) as session:
        assert session.run("greeting + '!'").value == "hi!"
        assert session.variables["greeting"] == "hi"


# -- tools and Stop --------------------------------------------------------------------------


def test_tools_are_callable_with_args_and_kwargs(backend: str) -> None:
    calls = []

    def add(a, b=0, *rest, scale=1):
        calls.append((a, b, rest, scale))
        return (a + b + sum(rest)) * scale

    def lookup(key):
        return {"key": key, "items": [1, 2, 3]}

    code = "r = add(1, 2, 3, scale=10)\nprint(r)\n[r, add(5), lookup('k')['items'][-1]]"
    result = safeexec.run(code, tools={"add": add, "lookup": lookup}, backend=backend)
    assert result.value == [60, 5, 3]
    assert result.output == "60\n"
    assert calls == [(1, 2, (3,), 10), (5, 0, (), 1)]


def test_tool_exception_is_catchable_in_the_sandbox(backend: str) -> None:
    def fetch(url):
        raise ValueError(f"bad url: {url}")

    code = ("try:\n    fetch('x://')\nexcept ValueError as e:\n    caught = str(e)\n"
            "    print('caught', type(e).__name__)\ncaught")
    result = safeexec.run(code, tools={"fetch": fetch}, backend=backend)
    assert result.value == "bad url: x://"
    assert result.output == "caught ValueError\n"


def test_uncaught_tool_exception_is_a_code_error(backend: str) -> None:
    def fetch(url):
        raise ValueError(f"bad url: {url}")

    with pytest.raises(CodeError) as err:
        safeexec.run("print('go')\nfetch('q')", tools={"fetch": fetch}, backend=backend)
    assert (err.value.exc_type, err.value.message, err.value.output) == (
        "ValueError", "bad url: q", "go\n")


@pytest.mark.parametrize("code", [
    "print('thinking')\nfinal_answer({'answer': 42})\nprint('after')",
    "print('thinking')\ntry:\n    final_answer({'answer': 42})\nexcept BaseException:\n"
    "    print('caught')\nprint('after')",
    "print('thinking')\ntry:\n    final_answer({'answer': 42})\nexcept:\n    print('caught')",
    "print('thinking')\ndef f():\n    try:\n        final_answer({'answer': 42})\n    finally:\n"
    "        return 'swallowed'\nprint('after', f())",
    "print('thinking')\nfor i in range(3):\n    try:\n        final_answer({'answer': 42})\n"
    "    finally:\n        continue\nprint('after')",
    "print('thinking')\nclass Swallow:\n    def __enter__(self):\n        return self\n"
    "    def __exit__(self, *exc):\n        return True\nwith Swallow():\n"
    "    final_answer({'answer': 42})\nprint('after')",
    "print('thinking')\ndef gen():\n    try:\n        yield final_answer({'answer': 42})\n"
    "    except BaseException:\n        yield 'caught'\nprint('after', list(gen()))",
])
def test_stop_ends_the_run_and_cannot_be_caught(backend: str, code: str) -> None:
    result = safeexec.run(code, tools={"final_answer": final_answer}, backend=backend)
    assert result.stopped is True
    assert result.value == {"answer": 42}
    assert result.output == "thinking\n"


# -- ParseError ------------------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    "x = (1 +\n",
    "a = 1\nb = 2\nif a = b:\n    pass\n",
    "def f():\n    return 1\n  x = 2\n",
    "total = 0\nfor i in range(3)\n    total += i\n",
    "print('unterminated)\n",
])
def test_parse_error_position_and_caret(backend: str, code: str) -> None:
    try:
        ast.parse(code)
    except SyntaxError as exc:
        expected = exc
    with pytest.raises(ParseError) as err:
        safeexec.run(code, backend=backend)
    error = err.value
    assert (error.lineno, error.col) == (expected.lineno, expected.offset)
    assert error.reason == expected.msg
    assert error.text.strip() == expected.text.strip()
    text = str(error)
    assert f"line {expected.lineno}" in text
    assert expected.text.strip() in text
    assert "^" in text.splitlines()[-1]
    assert error.output == ""


# -- PolicyViolation -------------------------------------------------------------------------


def test_forbidden_import_names_the_allowed_ones(backend: str) -> None:
    for code in ("import os", "from os import path", "import subprocess as sp"):
        with pytest.raises(PolicyViolation) as err:
            safeexec.run(code, allowed_imports=["math", "json"], backend=backend)
        message = str(err.value)
        assert code.split()[1] in message
        assert "math" in message and "json" in message


def test_allowed_import_works(backend: str) -> None:
    result = safeexec.run("import math\nfrom json import dumps\ndumps([math.sqrt(16)])",
                          allowed_imports=["math", "json"], backend=backend)
    assert result.value == "[4.0]"


@pytest.mark.parametrize("code, name", [
    ("open('/etc/passwd')", "open"),
    ("eval('1 + 1')", "eval"),
    ("exec('x = 1')", "exec"),
    ("__import__('os')", "__import__"),
    ("f = open", "open"),
    ("().__class__.__bases__", "__bases__"),
    ("(lambda: 0).__globals__", "__globals__"),
    ("class A:\n    pass\nA.__subclasses__()", "__subclasses__"),
    ("x = 1\nx._private", "_private"),
])
def test_forbidden_names_and_attributes(backend: str, code: str, name: str) -> None:
    with pytest.raises(PolicyViolation) as err:
        safeexec.run(code, backend=backend)
    assert name in str(err.value)


def test_violations_are_collected_with_positions(backend: str) -> None:
    code = "x = 1\ny = open('f')\nz = 2\nw = ().__class__.__bases__\nv = eval('1')\n"
    with pytest.raises(PolicyViolation) as err:
        safeexec.run(code, backend=backend)
    violations = err.value.violations
    assert {2, 4, 5} <= {v.lineno for v in violations}
    assert all(v.col is not None for v in violations)
    # columns are reported 1-based, as editors show them: `open` starts at column 5 of line 2
    assert "line 2, column 5" in str(err.value)


def test_runtime_refusal_keeps_output_and_is_uncatchable(backend: str) -> None:
    code = ("print('before')\nname = '__subcl' + 'asses__'\ntry:\n    getattr(object, name)\n"
            "except BaseException:\n    print('caught')")
    with pytest.raises(PolicyViolation) as err:
        safeexec.run(code, backend=backend)
    assert err.value.output == "before\n"  # PolicyViolation keeps the output too


# -- LimitExceeded ---------------------------------------------------------------------------

LIMIT_CASES = {
    "ops": (Limits(max_ops=100_000, timeout=30), "while True:\n    pass"),
    "time": (Limits(max_ops=10**12, timeout=0.3), "while True:\n    pass"),
    "memory": (Limits(max_memory=100 * 2**20), "x = 'a' * (400 * 2**20)"),
    "output": (Limits(max_output=100), "while True:\n    print('x' * 30)"),
    "depth": (Limits(max_depth=30), "def f(n):\n    return f(n + 1)\nf(0)"),
}


@pytest.mark.parametrize("limit", sorted(LIMIT_CASES))
def test_each_limit_is_enforced(backend: str, limit: str) -> None:
    limits, code = LIMIT_CASES[limit]
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as err:
        safeexec.run("print('before')\n" + code, limits=limits, backend=backend)
    assert err.value.limit == limit
    assert err.value.output.startswith("before\n")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("limit", sorted(LIMIT_CASES))
def test_limits_cannot_be_caught(backend: str, limit: str) -> None:
    limits, code = LIMIT_CASES[limit]
    body = "\n".join("        " + line for line in code.splitlines())
    wrapped = (f"def attempt():\n    try:\n{body}\n    except BaseException:\n"
               f"        print('caught')\n    finally:\n        return 'swallowed'\n"
               f"for i in range(3):\n    attempt()\nprint('survived')")
    with pytest.raises(LimitExceeded) as err:
        safeexec.run(wrapped, limits=limits, backend=backend)
    assert err.value.limit == limit
    assert "caught" not in err.value.output and "survived" not in err.value.output


def test_output_limit_keeps_what_fits(backend: str) -> None:
    with pytest.raises(LimitExceeded) as err:
        safeexec.run("print('y' * 1000)", limits=Limits(max_output=100), backend=backend)
    assert err.value.limit == "output"
    assert err.value.output == "y" * len(err.value.output)
    assert 0 < len(err.value.output) <= 100


def test_default_depth_limit(backend: str) -> None:
    code = "def down(n):\n    return 0 if n == 0 else 1 + down(n - 1)\ndown({})"
    assert safeexec.run(code.format(150), backend=backend).value == 150
    with pytest.raises(LimitExceeded) as err:
        safeexec.run(code.format(400), backend=backend)
    assert err.value.limit == "depth"


# -- CodeError -------------------------------------------------------------------------------

NESTED_FAILURE = "def ratio(a, b):\n    return a / b\n\nprint('start')\nratio(1, 0)\n"


def test_code_error_fields(backend: str) -> None:
    expected = cpython_error(NESTED_FAILURE)
    with pytest.raises(CodeError) as err:
        safeexec.run(NESTED_FAILURE, backend=backend)
    error = err.value
    assert error.exc_type == type(expected).__name__ == "ZeroDivisionError"
    assert error.message == str(expected)
    # like the last entry of CPython's traceback: the line in the innermost frame
    assert error.lineno == traceback.extract_tb(expected.__traceback__)[-1].lineno == 2
    assert error.output == "start\n"


def test_code_error_lineno_at_top_level(backend: str) -> None:
    with pytest.raises(CodeError) as err:
        safeexec.run("x = 1\ny = 2\nraise KeyError('k')\n", backend=backend)
    assert (err.value.exc_type, err.value.message, err.value.lineno) == ("KeyError", "'k'", 3)


def test_code_error_traceback_shows_sandbox_source_only(backend: str) -> None:
    with pytest.raises(CodeError) as err:
        safeexec.run(NESTED_FAILURE, backend=backend)
    tb = err.value.traceback
    assert "line 5" in tb and "ratio(1, 0)" in tb
    assert "line 2" in tb and "return a / b" in tb
    assert tb.rstrip().splitlines()[-1] == "ZeroDivisionError: division by zero"
    package_dir = os.path.dirname(safeexec.__file__)
    for host_marker in (package_dir, "safeexec" + os.sep, "site-packages", ".py\""):
        assert host_marker not in tb


@pytest.mark.parametrize("exc", ["SystemExit(3)", "KeyboardInterrupt", "GeneratorExit"])
def test_base_exceptions_never_reach_the_host_raw(backend: str, exc: str) -> None:
    with pytest.raises(SafeexecError):
        safeexec.run(f"print('x')\nraise {exc}", backend=backend)


def test_every_error_class_keeps_output(backend: str) -> None:
    with pytest.raises(CodeError) as code_error:
        safeexec.run("print('a')\nprint('b')\n[][0]", backend=backend)
    assert code_error.value.output == "a\nb\n"
    with pytest.raises(LimitExceeded) as limit_error:
        safeexec.run("print('a')\nwhile True:\n    pass", limits=Limits(max_ops=10_000),
                     backend=backend)
    assert limit_error.value.output == "a\n"
    with pytest.raises(ParseError) as parse_error:
        safeexec.run("print('a')\n)", backend=backend)
    assert parse_error.value.output == ""


def test_error_classes_are_safeexec_errors() -> None:
    for cls in (ParseError, PolicyViolation, LimitExceeded, CodeError, safeexec.BackendUnavailable):
        assert issubclass(cls, SafeexecError)
    assert not issubclass(Stop, Exception)  # host code between tool and interpreter lets it pass


# -- invalid arguments -----------------------------------------------------------------------

@pytest.mark.parametrize("code", [b"1 + 1", 42, None, ["1"]])
def test_code_must_be_a_str(code) -> None:
    with pytest.raises(TypeError, match="str"):
        safeexec.run(code)  # type: ignore[arg-type]


def test_unknown_backend() -> None:
    with pytest.raises(ValueError, match="nope"):
        safeexec.run("1", backend="nope")


def test_allowed_imports_must_be_a_list_not_a_string() -> None:
    with pytest.raises(TypeError):
        safeexec.run("1", allowed_imports="math")  # type: ignore[arg-type]


def test_limits_must_be_a_limits_instance() -> None:
    with pytest.raises(TypeError):
        safeexec.run("1", limits={"max_ops": 5})  # type: ignore[arg-type]


@pytest.mark.parametrize("field, value", [
    ("max_ops", 0), ("max_ops", -1), ("max_ops", 1.5), ("max_ops", True), ("timeout", 0),
    ("timeout", -2.0), ("timeout", "5"), ("max_memory", 0), ("max_output", -5),
    ("max_depth", 0), ("max_depth", 10**6),
])
def test_bad_limits_values(field: str, value) -> None:
    with pytest.raises(ValueError, match=field):
        Limits(**{field: value})
