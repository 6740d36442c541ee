"""Runs one attack and checks what must hold whatever the attack does.

For every attack, on every backend:
  (1) ast only: the run fails with a SafeexecError (never ParseError: the attack must be valid
      Python, so a typo cannot pass for a block);
  (2) the canary file was not created and the secret file was not changed;
  (3) no host secret (see host_tools.TOKENS, the secret file, the ORACLE marker) appears in
      anything that came back: value, output, error message, error output, traceback;
  (4) host state is unchanged (hostcheck.snapshot before and after).

The "cpython" backend is the control: it runs the same attack with plain `exec` and checks that
the attack *does* reach its goal there (or, for attacks marked `cpython_escapes=False`, that
CPython itself refuses it too; `None` skips the control, for attacks on the sandbox's own limits,
which plain CPython does not have). An attack that does no damage on CPython proves nothing about
the sandbox, so the control keeps the corpus honest.

Traps:
- The ast backend runs in the host's process, so an attack that escapes really tampers with this
  process. ast and cpython runs therefore happen in a forked child (checks included): one escape
  cannot corrupt the tests after it. wasm runs in-process (wasmtime's threads and fork do not mix).
- Anything other than a SafeexecError reaching the host is a failure (the design promises nothing
  else ever does), so runs are wrapped in `except BaseException`; a wall-clock alarm turns a hung
  run into a failure instead of a hung suite.
"""
from __future__ import annotations

import ast
import contextlib
import gc
import io
import json
import os
import select
import signal
import textwrap
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import safeexec

from . import host_tools, hostcheck

#: Printed by attacks whose goal is an oracle answer (a file exists, a path is readable).
ORACLE = "ORACLE-HIT"
HANG_SECONDS = 30
# Bound at import: an attack in a forked child may replace json.dumps itself.
_dumps, _loads = json.dumps, json.loads


class Hung(BaseException):
    """Raised by the alarm when a run exceeds its time."""


@contextlib.contextmanager
def alarm(seconds: float):
    """Fail instead of hanging; only possible in the main thread (where pytest runs tests)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum, frame):
        raise Hung(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def describe(value: object, depth: int = 0) -> str:
    """Text of a returned value deep enough to find a secret nested in containers."""
    if depth > 6:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("latin-1")
    if isinstance(value, dict):
        return " ".join(describe(k, depth + 1) + " " + describe(v, depth + 1)
                        for k, v in list(value.items())[:10_000])
    if isinstance(value, (list, tuple, set, frozenset)):
        return " ".join(describe(v, depth + 1) for v in list(value)[:10_000])
    try:
        return repr(value)
    except BaseException as exc:   # noqa: BLE001 - a hostile __repr__ is tested elsewhere
        return f"<unrepresentable: {type(exc).__name__}>"


@dataclass
class ErrorInfo:
    """A failure as plain data (it may come from a forked child): class names along the MRO
    and every text the error carries."""

    kinds: tuple[str, ...]
    text: str
    headline: str = ""

    @classmethod
    def of(cls, exc: BaseException) -> "ErrorInfo":
        parts = [str(exc), repr(exc.args)]
        parts += [str(getattr(exc, n, "")) for n in ("message", "output", "traceback", "exc_type")]
        inner = getattr(exc, "exc_type", None)
        message = getattr(exc, "message", None) or str(exc)
        headline = f"{type(exc).__name__}: " + (f"{inner}: " if inner else "") + message
        return cls(tuple(c.__name__ for c in type(exc).__mro__), "\n".join(parts),
                   headline.splitlines()[0] if headline else "")

    def is_a(self, tp: type) -> bool:
        return tp.__name__ in self.kinds

    def __str__(self) -> str:
        return self.headline or self.kinds[0]


@dataclass
class Outcome:
    """What one backend returned for an attack (values already described as text)."""

    backend: str
    values: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    errors: list[ErrorInfo] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    reached_host: str | None = None
    last_failed: bool = False    # the last snippet raised (requirement (1) is about that one)

    @property
    def error(self) -> ErrorInfo | None:
        return self.errors[-1] if self.errors else None

    def texts(self) -> str:
        return "\n".join(self.values + self.outputs + [e.text for e in self.errors])

    def summary(self) -> str:
        return (f"values={[v[:300] for v in self.values]} "
                f"outputs={[o[:300] for o in self.outputs]} "
                f"errors={[str(e)[:300] for e in self.errors]}")

    def to_json(self) -> dict:
        data = dict(vars(self))
        data["errors"] = [vars(e) for e in self.errors]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Outcome":
        data = dict(data)
        data["errors"] = [ErrorInfo(tuple(e["kinds"]), e["text"], e.get("headline", ""))
                          for e in data.get("errors", [])]
        return cls(**data)


class Sandbox:
    """One backend plus the bait: a canary path, a secret file, secrets in tools and env."""

    def __init__(self, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                 node: pytest.Item) -> None:
        self.backend = backend
        self.node = node
        self.canary = tmp_path / "canary"
        self.secret_path = tmp_path / "secret.txt"
        self.file_secret = "file-secret-" + os.urandom(16).hex()
        self.secret_path.write_text(self.file_secret + "\n")
        monkeypatch.setenv(host_tools.ENV_VAR, host_tools.ENV_SECRET)

    # -- bait ---------------------------------------------------------------------------------
    @property
    def variables(self) -> dict[str, object]:
        return {"canary": str(self.canary), "secret_path": str(self.secret_path)}

    @property
    def secrets(self) -> tuple[str, ...]:
        # In the wasm guest, Python-level introspection "works" on the guest's own interpreter,
        # so an oracle answer printed there says nothing about the host.
        oracle = () if self.backend == "wasm" else (ORACLE,)
        return host_tools.TOKENS + (self.file_secret,) + oracle

    def damage(self, outcome: Outcome) -> list[str]:
        """Everything the attack achieved; empty when the host is intact."""
        found = []
        if self.canary.exists():
            found.append(f"canary {self.canary} was created")
        if self.secret_path.read_text() != self.file_secret + "\n":
            found.append("the secret file was modified")
        text = outcome.texts()
        found += [f"secret {s[:14]}... came back" for s in self.secrets if s in text]
        found += [f"host changed: {c}" for c in outcome.changed]
        return found + outcome.extra

    def known_escape(self, backend: str, reason: str) -> None:
        """Mark this test as a known open escape on `backend` (strict: fixing it must remove
        the mark). Only for failures reported with a minimal reproduction."""
        if self.backend == backend:
            self.node.add_marker(pytest.mark.xfail(strict=True, reason=reason))

    def _log(self, outcome: Outcome) -> None:
        """With SAFEEXEC_CORPUS_LOG=path, append how each attack ended (to review why attacks
        are blocked: a NameError for a typo'd tool name is not a block)."""
        path = os.environ.get("SAFEEXEC_CORPUS_LOG")
        if path:
            how = str(outcome.error) if outcome.error else f"ok value={outcome.values[-1:]}"
            with open(path, "a") as fh:
                fh.write(f"{self.node.nodeid}\t{how[:200]}\n")

    def require_backend(self) -> None:
        """Skip when this backend cannot run here (only wasm can be missing)."""
        if self.backend == "wasm":
            require_wasm()

    # -- running ------------------------------------------------------------------------------
    def attack(self, code: str, *, allowed_imports: Sequence[str] = (), expect: str = "error",
               cpython_escapes: bool | None = True, limits: safeexec.Limits | None = None,
               check: Callable[[], list[str]] | None = None) -> Outcome:
        """Run a one-shot attack and check (1)-(4). `expect="any"` where CPython semantics make
        the harmless form of the attack succeed (rebinding a name, seeding a private RNG).
        `check()` runs in the process that ran the attack and returns extra damage found."""
        return self.attack_session([code], allowed_imports=allowed_imports, expect=expect,
                                   cpython_escapes=cpython_escapes, limits=limits, check=check)

    def attack_session(self, codes: Sequence[str], *, allowed_imports: Sequence[str] = (),
                       expect: str = "error", cpython_escapes: bool | None = True,
                       limits: safeexec.Limits | None = None,
                       between: Callable[[dict], None] | None = None,
                       check: Callable[[], list[str]] | None = None) -> Outcome:
        """Run several snippets in one Session (names persist); `between(variables)` is host
        code run after each snippet, as an agent loop would. (1) applies to the last snippet."""
        assert expect in ("error", "any"), expect
        codes = [textwrap.dedent(c) for c in codes]
        for c in codes:
            compile(c, "<attack>", "exec", dont_inherit=True)   # a typo must not pass for a block
        if self.backend == "cpython":
            if cpython_escapes is None:
                pytest.skip("no CPython control: the attack targets the sandbox's own machinery")
            before = hostcheck.snapshot()
            outcome = Outcome.from_json(run_forked(
                lambda: _cpython_child(codes, self.variables, between, check, before)))
            if outcome.reached_host:
                pytest.fail(f"the CPython control failed: {outcome.reached_host}")
            found = self.damage(outcome)
            if cpython_escapes:
                assert found, ("the attack does not reach its goal on plain CPython, so it proves "
                               "nothing; fix the attack. " + outcome.summary())
            else:
                assert not found, f"CPython was expected to refuse this attack: {found}"
            return outcome
        self.require_backend()
        limits = limits or safeexec.Limits(timeout=5.0)
        before = hostcheck.snapshot()   # here, not in the child: cheaper before a fork

        def go() -> dict:
            return _sandboxed(self.backend, codes, allowed_imports, limits, self.variables,
                              between, check, before).to_json()

        outcome = Outcome.from_json(run_forked(go) if self.backend == "ast" else go())
        self._log(outcome)
        if outcome.reached_host:
            pytest.fail(f"{outcome.reached_host} reached the host (only SafeexecError may)")
        found = self.damage(outcome)
        assert not found, f"ESCAPE on {self.backend}: {found}; {outcome.summary()}"
        if self.backend == "ast" and expect == "error":
            err = outcome.error
            assert outcome.last_failed and err is not None and err.is_a(
                safeexec.SafeexecError), f"attack was not blocked on ast: {outcome.summary()}"
            assert not err.is_a(safeexec.ParseError), f"attack did not parse: {err}"
        return outcome


def _sandboxed(backend, codes, allowed_imports, limits, variables, between, check,
               before: dict) -> Outcome:
    """Run the snippets in one Session and record everything (runs in the child for ast);
    `before` is the host snapshot taken just before."""
    outcome = Outcome(backend)
    before = hostcheck.after_fork(before) if backend == "ast" else before
    session = None
    reuse = backend == "wasm" and len(codes) == 1 and between is None
    try:
        with alarm(HANG_SECONDS):
            if reuse:
                session = _wasm_session(allowed_imports, limits, variables)
            if session is None:
                reuse = False
                session = safeexec.Session(allowed_imports=list(allowed_imports),
                                           tools=host_tools.tools(), variables=variables,
                                           limits=limits, backend=backend)
            for code in codes:
                try:
                    result = session.run(code)
                except safeexec.SafeexecError as exc:
                    outcome.errors.append(ErrorInfo.of(exc))
                    outcome.outputs.append(exc.output)
                    outcome.last_failed = True
                else:
                    outcome.values.append(describe(result.value))
                    outcome.outputs.append(result.output)
                    outcome.last_failed = False
                if between is not None:
                    between(session.variables)
    except BaseException as exc:   # noqa: BLE001 - anything else reaching the host is a bug
        outcome.reached_host = f"{type(exc).__name__}: {exc!r}"
    finally:
        # A reused guest is kept only after an attack that failed without hitting a limit: one
        # that ran to the end may have tampered with the guest, a limit restarts it anyway.
        keep = reuse and outcome.error is not None and not outcome.error.is_a(
            safeexec.LimitExceeded) and outcome.reached_host is None
        if session is not None and not keep:
            _WASM_SESSIONS.pop(_wasm_key(allowed_imports, limits), None)
            with contextlib.suppress(BaseException):
                session.close()
    outcome.changed = hostcheck.diff(before, hostcheck.snapshot())
    outcome.extra = check() if check is not None else []
    return outcome


# -- wasm guest reuse ----------------------------------------------------------------------------
# A wasm Session's first run costs 0.1-0.3 s (the guest's first command and first traceback), and
# the corpus has hundreds of attacks. One-shot attacks therefore share a guest per (imports,
# limits) within a worker: before each attack the guest's names and builtins are put back as
# they were when it started, and the bait variables are set again. The guest is dropped after
# any attack that ran to completion or hit a limit (see _sandboxed), so guest-side tampering
# does not outlive the attack that did it. What is checked on wasm is the host, never the guest.
_WASM_SESSIONS: dict[tuple, safeexec.Session] = {}
_WASM_SETUP = """
_corpus_builtins = dict(__builtins__ if isinstance(__builtins__, dict) else vars(__builtins__))
_corpus_names = dict(globals())
_corpus_names['_corpus_names'] = _corpus_names
"""
_WASM_RESET = """
_b = __builtins__ if isinstance(__builtins__, dict) else vars(__builtins__)
_b.update(_corpus_builtins)
for _n in [n for n in _b if n not in _corpus_builtins]:
    del _b[_n]
for _n in [n for n in globals() if n not in _corpus_names]:
    del globals()[_n]
globals().update(_corpus_names)
"""


def _wasm_key(allowed_imports, limits) -> tuple:
    return (tuple(sorted(allowed_imports)), limits)


def _wasm_session(allowed_imports, limits, variables) -> safeexec.Session | None:
    """A reset guest for these imports and limits, or None when one cannot be prepared."""
    key = _wasm_key(allowed_imports, limits)
    session = _WASM_SESSIONS.pop(key, None)
    try:
        if session is None:
            session = safeexec.Session(allowed_imports=list(allowed_imports),
                                       tools=host_tools.tools(), limits=limits, backend="wasm")
            session.run(_WASM_SETUP)
        session.run(_WASM_RESET + "".join(f"{k} = {v!r}\n" for k, v in variables.items()))
    except safeexec.SafeexecError:
        if session is not None:
            session.close()
        return None
    _WASM_SESSIONS[key] = session
    return session


# -- the CPython control ------------------------------------------------------------------------
def _exec_repl(code: str, namespace: dict) -> object:
    """exec, returning the value of a final expression statement like the sandbox does."""
    tree = ast.parse(code)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    if last is not None:
        tree.body.pop()
    # dont_inherit: this module's `from __future__ import annotations` must not leak into the
    # attack (it would turn every annotation into a string).
    exec(compile(tree, "<attack>", "exec", dont_inherit=True), namespace)
    if last is not None:
        expr = compile(ast.Expression(last.value), "<attack>", "eval", dont_inherit=True)
        return eval(expr, namespace)
    return None


def _cpython_child(codes, variables, between, check, before: dict) -> dict:
    warnings.simplefilter("ignore")
    builtins_dict = __builtins__ if isinstance(__builtins__, dict) else vars(__builtins__)
    namespace = {"__builtins__": builtins_dict, **host_tools.tools(), **variables}
    outcome = Outcome("cpython")
    before = hostcheck.after_fork(before)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        for code in codes:
            try:
                outcome.values.append(describe(_exec_repl(code, namespace)))
            except BaseException as exc:   # noqa: BLE001 - SystemExit included
                outcome.errors.append(ErrorInfo.of(exc))
            if between is not None:
                try:
                    between(namespace)
                except BaseException as exc:   # noqa: BLE001
                    outcome.errors.append(ErrorInfo.of(exc))
    outcome.outputs.append(out.getvalue())
    outcome.changed = hostcheck.diff(before, hostcheck.snapshot())
    outcome.extra = check() if check is not None else []
    return outcome.to_json()


def run_forked(child: Callable[[], dict], timeout: float = HANG_SECONDS + 10) -> dict:
    """Run `child()` in a forked process (attacks really tamper there); return its JSON dict.
    The child's stdout/stderr go to /dev/null (os.system output, warnings)."""
    rfd, wfd = os.pipe()
    gc.freeze()   # the child's collector then leaves the parent's objects (and pages) alone
    pid = os.fork()
    if pid == 0:   # child: never return into pytest
        try:
            os.close(rfd)
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (1, 2):
                os.dup2(devnull, fd)
            try:
                payload = child()
            except BaseException as exc:   # noqa: BLE001
                payload = {"backend": "?", "reached_host": f"harness: {type(exc).__name__}: {exc}"}
            data = _dumps(payload, default=repr).encode()
            view = memoryview(data)
            while view:
                view = view[os.write(wfd, view):]
        finally:
            os._exit(0)
    gc.unfreeze()
    os.close(wfd)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([rfd], [], [], timeout)
            if not ready:
                os.kill(pid, signal.SIGKILL)
                return {"backend": "?", "reached_host": f"the run hung for {timeout} s"}
            chunk = os.read(rfd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(rfd)
        _, status = os.waitpid(pid, 0)
    if not chunks:
        return {"backend": "?", "reached_host": f"the process died (wait status {status})"}
    return _loads(b"".join(chunks))


# -- wasm availability ----------------------------------------------------------------------------
_WASM: list[bool] = []


def require_wasm() -> None:
    """Skip when the wasm backend cannot be built here (missing extra or runtime)."""
    if not _WASM:
        try:
            safeexec.Session(backend="wasm").close()
            _WASM.append(True)
        except (safeexec.BackendUnavailable, ImportError):
            _WASM.append(False)
    if not _WASM[0]:
        pytest.skip("wasm backend unavailable")
