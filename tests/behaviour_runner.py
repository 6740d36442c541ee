"""Run one case program in native CPython and through safeexec, and compare what each produced.

CPython is the oracle: a case has no stored expectation, it is run natively in this process and the
sandbox must agree on four fields (printed output, repr of the REPL value, the uncaught exception's
type name and its message). `tests/test_behaviour.py` drives it; differential fuzzers may reuse it.

Traps:
- Native runs share this process, so global state a case may touch (the hidden `random.Random`
  behind the module functions, the thread's decimal context) is saved and restored around each run.
- The REPL value is the value of the last top-level statement only when that statement is an
  expression statement; a value of None is reported as "no value", as `Result.value` cannot tell
  the two apart.
- The wasm backend returns a REPL value that cannot cross to the host (a Decimal, a user object)
  as its repr, a str; `diff_outcomes(..., value_as_repr=True)` accepts that in place of the value.
- Only `safeexec.CodeError` is a comparable outcome. Any other SafeexecError (a parse error, a
  policy violation, a limit) means the sandbox refused a program CPython ran: `SandboxRefused`.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import decimal
import difflib
import functools
import io
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

CASES_DIR = Path(__file__).parent / "cases"
CASE_FILENAME = "<case>"
_IMPORTS_HEADER = re.compile(r"#\s*imports:(.*)")


@dataclass(frozen=True)
class Outcome:
    """What one run produced; equal outcomes mean the sandbox behaved like CPython."""

    output: str
    value: str | None       # repr of the REPL value, None when there is none (or it is None)
    exc_type: str | None    # name of the uncaught exception's type
    message: str | None     # str() of the uncaught exception


class SandboxRefused(AssertionError):
    """safeexec raised something other than CodeError for a program CPython runs."""


@functools.cache
def wasm_unavailable() -> str | None:
    """Why the wasm backend cannot run here, or None when it can. Probed once per process, with
    one wording, so that pytest groups every wasm skip under a single reason."""
    import safeexec

    try:
        import safeexec.wasm  # noqa: F401
        safeexec.Session(backend="wasm").close()
    except ImportError as exc:  # safeexec.BackendUnavailable is an ImportError too
        return f"wasm backend unavailable ({type(exc).__name__}: {exc})"
    return None


def read_case(path: Path) -> tuple[str, list[str]]:
    """A case's source and the modules its `# imports: a, b` first line lists."""
    code = path.read_text(encoding="utf-8")
    header = _IMPORTS_HEADER.fullmatch(code.partition("\n")[0].strip())
    imports = [name.strip() for name in header.group(1).split(",")] if header else []
    return code, [name for name in imports if name]


def _value_field(value: object) -> str | None:
    return None if value is None else repr(value)


def _compile_repl(code: str):
    """Compile `code` as a module body plus, if it ends in an expression statement, that
    expression on its own; line numbers stay those of the source.

    dont_inherit: without it, compile() hands the case this module's `from __future__ import
    annotations`, and every annotation becomes a string (dataclasses' KW_ONLY then breaks)."""
    tree = ast.parse(code, CASE_FILENAME)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    body = compile(tree, CASE_FILENAME, "exec", dont_inherit=True)
    return body, (compile(last, CASE_FILENAME, "eval", dont_inherit=True)
                  if last is not None else None)


@contextlib.contextmanager
def _host_state_preserved() -> Iterator[None]:
    state = random.getstate()
    try:
        with decimal.localcontext():
            yield
    finally:
        random.setstate(state)


def run_native(code: str, imports: Sequence[str] = ()) -> Outcome:
    """Run `code` in CPython as `python file.py` would (a fresh `__main__` namespace), capturing
    stdout. `imports` is accepted for symmetry with `run_safe`: CPython needs no permission."""
    body, last = _compile_repl(code)
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    out = io.StringIO()
    value = error = None
    with _host_state_preserved(), contextlib.redirect_stdout(out):
        try:
            exec(body, namespace)
            if last is not None:
                value = eval(last, namespace)
        except Exception as exc:  # the case's own uncaught exception is its outcome
            error = exc
    if error is not None:
        return Outcome(out.getvalue(), None, type(error).__name__, str(error))
    return Outcome(out.getvalue(), _value_field(value), None, None)


def run_safe(code: str, imports: Sequence[str] = (), backend: str = "ast") -> Outcome:
    """Run `code` through `safeexec.run`; raises SandboxRefused for any failure but CodeError."""
    import safeexec

    try:
        result = safeexec.run(code, allowed_imports=list(imports), backend=backend)
    except safeexec.CodeError as exc:
        return Outcome(exc.output, None, exc.exc_type, exc.message)
    except safeexec.SafeexecError as exc:
        printed = f"\n--- output before it ---\n{exc.output}" if exc.output else ""
        raise SandboxRefused(
            f"safeexec ({backend}) raised {type(exc).__name__} for code CPython runs:\n"
            f"{exc}{printed}") from None
    return Outcome(result.output, _value_field(result.value), None, None)


def diff_outcomes(expected: Outcome, actual: Outcome, *, value_as_repr: bool = False) -> str:
    """A readable account of every field that differs; empty when the outcomes agree.

    value_as_repr: the backend may hand back the repr of the value, as a str, instead of it."""
    report: list[str] = []
    for field in fields(Outcome):
        want, got = getattr(expected, field.name), getattr(actual, field.name)
        if want == got:
            continue
        if field.name == "value" and value_as_repr and want is not None and got == repr(want):
            continue
        if field.name == "output":
            report.append("output differs (--- CPython, +++ safeexec):")
            lines = list(difflib.unified_diff(want.splitlines(), got.splitlines(), "CPython",
                                              "safeexec", lineterm=""))
            report.extend(lines or [f"  CPython  {want!r}", f"  safeexec {got!r}"])
        else:
            report.append(f"{field.name} differs:\n  CPython  {want!r}\n  safeexec {got!r}")
    return "\n".join(report)
