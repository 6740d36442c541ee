"""The escape oracle: run one program in safeexec and fail loudly if anything crossed the boundary.

`run_checked` checks, for every program, that
- only a `Result` or a `SafeexecError` comes back (anything else escaping `run` is a failure);
- the canary file is untouched and no file appeared in the work directory;
- no secret (host.SECRET_PREFIX) and no host source path appears in output, value or error text;
- host state is unchanged (`snapshot`): allowed modules' public names, host classes, builtins,
  environment, cwd, recursion limit, random and decimal state, stdout, threads, signal handlers;
- the value handed back holds no module, frame, code object, traceback, real builtins dict, host
  module namespace or function with host `__globals__` (`forbidden_in_value`);
- the run returned within its deadline plus slack (a SIGALRM watchdog turns a hang into a failure)
  and its peak memory stayed within max_memory plus slack (memory.py).

Traps: never call `repr` on values from the sandbox (it could run sandboxed code outside every limit);
inspect types and builtin containers only. The watchdog needs the main thread (true under xdist).
"""
from __future__ import annotations

import builtins
import contextlib
import decimal
import gc
import importlib
import io
import os
import random
import signal
import sys
import threading
import types
import warnings
from pathlib import Path

import safeexec

from fuzz import host, memory
from fuzz.known import Known, known_finding

SAFEEXEC_DIR = str(Path(safeexec.__file__).resolve().parent)
FUZZ_DIR = str(Path(__file__).resolve().parent)
DANGEROUS_BUILTINS = {id(getattr(builtins, n)) for n in (
    "eval", "exec", "compile", "open", "__import__", "breakpoint", "input", "globals", "locals")}


class Hang(BaseException):
    """Raised by the watchdog inside a run that overstays its deadline."""


class EscapeFound(AssertionError):
    """A boundary property failed; the message says which and how."""


class KnownFinding:
    """What `run_checked` returns when every problem is an already reported finding (known.py)."""

    def __init__(self, known: Known, outcome) -> None:
        self.known = known
        self.outcome = outcome

    def __str__(self) -> str:
        return f"known:{self.known.name}"


def allowed_modules() -> list[types.ModuleType]:
    return [importlib.import_module(name) for name in host.ALLOWED_IMPORTS]


def allowed_submodules() -> list[types.ModuleType]:
    """The allowed modules and the submodules of allowed packages that are loaded."""
    prefixes = tuple(f"{name}." for name in host.ALLOWED_IMPORTS)
    return allowed_modules() + [m for name, m in list(sys.modules.items())
                                if m is not None and name.startswith(prefixes)]


# -- host state ---------------------------------------------------------------------------------
# Namespaces are kept as {name: object} copies and compared by identity, so that a failure can put
# every object back (`restore_host`): hypothesis replays a failing program while it shrinks, and a
# tampered host would make the replay look clean.
_MODULES = allowed_modules() + [host, builtins, os, sys, types, io, importlib]


def _public(namespace) -> dict:
    return {k: v for k, v in list(namespace.items()) if not k.startswith("_")}


# Caches CPython fills in on a class the first time any code uses it, with values the class
# itself determines: copyreg stores `__slotnames__` on the first copy/deepcopy of an instance.
_CLASS_CACHES = frozenset({"__slotnames__"})


def _classes(module) -> dict:
    return {v: {n: x for n, x in vars(v).items() if n not in _CLASS_CACHES}
            for k, v in list(vars(module).items())
            if isinstance(v, type) and not k.startswith("_")}


def snapshot() -> dict:
    """A picture of the host state sandboxed code must not change."""
    ctx = decimal.getcontext()
    return {
        "modules": {m: _public(vars(m)) for m in _MODULES},
        "classes": {m: _classes(m) for m in _MODULES},
        "builtins": dict(vars(builtins)),
        "sys.modules": {m.__name__: sys.modules.get(m.__name__) for m in _MODULES},
        "tools": {t: (t.__defaults__, t.__kwdefaults__, t.__code__, dict(t.__dict__))
                  for t in (host.lookup, host.fail, host.apply, host.stream, host.make_callback)},
        "partial": (host.tool_partial.func, host.tool_partial.args, dict(host.tool_partial.keywords)),
        "api": dict(vars(host.api)),
        "environ": dict(os.environ),
        "cwd": os.getcwd(),
        "limits": (sys.getrecursionlimit(), sys.get_int_max_str_digits(), sys.getswitchinterval()),
        "random": random.getstate(),
        "decimal": (ctx.prec, ctx.rounding, ctx.Emax, ctx.Emin, ctx.capitals, ctx.clamp,
                    tuple(sorted((k.__name__, v) for k, v in ctx.traps.items()))),
        "streams": (sys.stdout, sys.stderr, sys.stdin),
        "hooks": (sys.gettrace(), sys.getprofile(), list(sys.path), list(sys.meta_path),
                  list(sys.path_hooks), gc.isenabled()),
        "signals": {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)},
        "threads": threading.active_count(),
    }


def _same_namespace(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(a[k] is b[k] for k in a)


def _same(key: str, a, b) -> bool:
    if key in ("modules", "classes"):
        return a.keys() == b.keys() and all(
            _same_namespace(a[m], b[m]) if key == "modules"
            else a[m].keys() == b[m].keys() and all(_same_namespace(a[m][c], b[m][c]) for c in a[m])
            for m in a)
    if key == "builtins":
        return _same_namespace(a, b)
    return a == b


def diff_snapshots(before: dict, after: dict) -> list[str]:
    changes = []
    for key in before:
        old, new = before[key], after[key]
        if _same(key, old, new):
            continue
        if key in ("modules", "classes", "builtins"):
            changes += _namespace_changes(key, old, new)
        else:
            changes.append(f"host {key} changed")
    return list(dict.fromkeys(changes))


def _namespace_changes(key, old: dict, new: dict) -> list[str]:
    if key == "builtins":
        old, new = {"builtins": old}, {"builtins": new}
    out = []
    for owner in old:
        a, b = old[owner], new.get(owner, {})
        if key == "classes":
            for cls in a:
                names = [n for n in set(a[cls]) | set(b.get(cls, {}))
                         if a[cls].get(n, _same) is not b.get(cls, {}).get(n, _same)]
                if names:
                    out.append(f"class {cls.__module__}.{cls.__qualname__} changed: {sorted(names)[:6]}")
            continue
        names = [n for n in set(a) | set(b) if a.get(n, _same) is not b.get(n, _same)]
        if names:
            label = owner if isinstance(owner, str) else owner.__name__
            out.append(f"module {label} changed: {sorted(names)[:6]}")
    return out


def restore_host(before: dict) -> None:
    """Put back everything `snapshot` recorded (used only after a failure)."""
    for module, names in before["modules"].items():
        for name in [n for n in vars(module) if not n.startswith("_") and n not in names]:
            delattr(module, name)
        for name, value in names.items():
            setattr(module, name, value)
    for classes in before["classes"].values():
        for cls, attrs in classes.items():
            with contextlib.suppress(TypeError, AttributeError):
                for name in [n for n in vars(cls) if n not in attrs]:
                    delattr(cls, name)
                for name, value in attrs.items():
                    if vars(cls).get(name, _same) is not value:
                        setattr(cls, name, value)
    namespace = vars(builtins)      # never clear it: this function needs its own builtins
    for name in [n for n in namespace if n not in before["builtins"]]:
        del namespace[name]
    namespace.update(before["builtins"])
    for tool, (defaults, kwdefaults, code, attrs) in before["tools"].items():
        tool.__defaults__, tool.__kwdefaults__, tool.__code__ = defaults, kwdefaults, code
        tool.__dict__.clear()
        tool.__dict__.update(attrs)
    vars(host.api).clear()
    vars(host.api).update(before["api"])
    os.environ.clear()
    os.environ.update(before["environ"])
    os.chdir(before["cwd"])
    sys.setrecursionlimit(before["limits"][0])
    sys.set_int_max_str_digits(before["limits"][1])
    random.setstate(before["random"])
    sys.stdout, sys.stderr, sys.stdin = before["streams"]


# -- what comes back -----------------------------------------------------------------------------
def _walk(value, depth=0, seen=None):
    """Yield `value` and what builtin containers and exceptions hold, without running user code."""
    seen = set() if seen is None else seen
    if id(value) in seen or depth > 4 or len(seen) > 5000:
        return
    seen.add(id(value))
    yield value
    kind = type(value)
    if kind in (list, tuple, set, frozenset):
        for item in list(value)[:2000]:
            yield from _walk(item, depth + 1, seen)
    elif kind is dict:
        for k, v in list(value.items())[:2000]:
            yield from _walk(k, depth + 1, seen)
            yield from _walk(v, depth + 1, seen)
    elif isinstance(value, BaseException):
        for item in value.args:
            yield from _walk(item, depth + 1, seen)


def forbidden_in_value(value) -> list[str]:
    """Describe every capability found in a value handed back to the host."""
    allowed = {id(m) for m in allowed_modules()}
    # Functions of allowed modules may be held; so may the host module's own (tools hand them out,
    # and a granted object's class exposes its methods): reading their globals is what must fail.
    # A package's submodules count as the package (json.JSONEncoder.default lives in json.encoder).
    allowed_globals = {id(vars(m)) for m in allowed_submodules()} | {id(vars(host))}
    granted = {id(t) for t in host.TOOLS.values()}
    module_dicts = {id(vars(m)): name for name, m in list(sys.modules.items()) if m is not None}
    found = []
    for item in _walk(value):
        kind = type(item)
        if isinstance(item, types.ModuleType) and id(item) not in allowed:
            found.append(f"a module: {item.__name__!r}")
        elif kind in (types.FrameType, types.CodeType, types.TracebackType, types.CellType):
            found.append(f"a {kind.__name__}")
        elif kind is dict and id(item) in module_dicts:
            found.append(f"the namespace of module {module_dicts[id(item)]!r}")
        elif kind is types.FunctionType and item.__code__.co_filename.startswith(SAFEEXEC_DIR):
            # a function the sandboxed code defined: the ast backend makes it a closure of its
            # runtime, which is fine as long as its namespace leads nowhere
            spaces = (item.__globals__, item.__globals__.get("__builtins__"))
            if id(item.__globals__) in module_dicts:
                found.append(f"interpreter function {item.__qualname__!r} with the namespace of "
                             f"{module_dicts[id(item.__globals__)]!r}")
            elif any(id(s) in module_dicts or s is builtins for s in spaces):
                found.append(f"sandbox function {item.__qualname__!r} carrying a host namespace")
        elif kind is types.FunctionType and id(item) not in granted \
                and id(item.__globals__) not in allowed_globals:
            found.append(f"function {item.__qualname__!r} with the globals of "
                         f"{item.__globals__.get('__name__')!r}")
        elif kind is types.BuiltinFunctionType and id(item) in DANGEROUS_BUILTINS:
            found.append(f"the real builtin {item.__name__!r}")
        elif kind is types.BuiltinFunctionType and isinstance(item.__self__, types.ModuleType) \
                and id(item.__self__) not in allowed and item.__self__ is not builtins:
            found.append(f"builtin {item.__name__!r} of module {item.__self__.__name__!r}")
    return found


def _texts(outcome) -> list[str]:
    if isinstance(outcome, safeexec.Result):
        texts = [outcome.output]
        texts += [x for x in _walk(outcome.value) if isinstance(x, str)]
        texts += [x.decode("latin-1") for x in _walk(outcome.value) if isinstance(x, (bytes, bytearray))]
        return texts
    return [str(outcome), outcome.output, getattr(outcome, "message", ""),
            getattr(outcome, "traceback", "") or ""]


def leaks(outcome) -> list[str]:
    found = []
    for text in _texts(outcome):
        if not isinstance(text, str):
            continue
        if host.SECRET_PREFIX in text:
            at = text.index(host.SECRET_PREFIX)
            found.append(f"secret leaked: {text[max(0, at - 60):at + 60]!r}")
        for path in (SAFEEXEC_DIR, FUZZ_DIR):
            if path in text:
                at = text.index(path)
                found.append(f"host path leaked: {text[max(0, at - 60):at + 80]!r}")
    return found


def files_changed() -> list[str]:
    found = []
    if not host.CANARY.exists():
        return ["the canary file was deleted"]
    if host.CANARY.read_text() != host.CANARY_TEXT:
        found.append("the canary file was modified")
    extra = sorted(p.name for p in host.WORKDIR.iterdir() if p != host.CANARY)
    if extra:
        found.append(f"files appeared in the work directory: {extra}")
    return found


def restore_files() -> None:
    """Put the work directory back after a failure so the next example starts clean."""
    for p in host.WORKDIR.iterdir():
        if p != host.CANARY:
            p.unlink() if p.is_file() or p.is_symlink() else None
    host.CANARY.write_text(host.CANARY_TEXT)


# -- running -------------------------------------------------------------------------------------
class HostOutput:
    """`with HostOutput() as printed:` catches what a run makes the host print: stdout, stderr and
    warnings (which pytest would otherwise swallow, while a real host shows them on stderr)."""

    def __enter__(self) -> "HostOutput":
        self.out, self.err = io.StringIO(), io.StringIO()
        self._stack = contextlib.ExitStack()
        self._stack.enter_context(contextlib.redirect_stdout(self.out))
        self._stack.enter_context(contextlib.redirect_stderr(self.err))
        self.warnings = self._stack.enter_context(warnings.catch_warnings(record=True))
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def problems(self) -> list[str]:
        found = []
        if self.out.getvalue() or self.err.getvalue():
            found.append("wrote to the host's stdout/stderr: "
                         f"{(self.out.getvalue() + self.err.getvalue())[:200]!r}")
        if self.warnings:
            w = self.warnings[0]
            found.append(f"emitted host warnings: {w.category.__name__}: {str(w.message)[:120]}")
        return found


class Watchdog:
    """Raise `Hang` in the main thread after `seconds`, and again every 0.2 s if it is swallowed
    (a finalizer swallows it: CPython only prints exceptions raised in `__del__`); `fired` says
    whether it went off at all."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = 0
        self.armed = threading.current_thread() is threading.main_thread()
        self.active = False

    def _fire(self, signum, frame):
        if not self.active:     # a stale timer (someone re-armed it after __exit__): ignore it
            return
        self.fired += 1
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        raise Hang(f"no answer within {self.seconds:g} s")

    def __enter__(self) -> "Watchdog":
        self.active = True
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: object) -> None:
        self.active = False
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def run_outcome(code: str, *, limits: safeexec.Limits, grace: float = 5.0, **options):
    """Run `code`; return the Result or SafeexecError. Anything else escaping is an EscapeFound.
    FUZZ_LAST_PROGRAM=path keeps the program being run in that file, for hunting host crashes."""
    dog = Watchdog(limits.timeout + grace)
    trace = os.environ.get("FUZZ_LAST_PROGRAM")
    if trace:                 # survives a crash of this process: the culprit is in the file
        Path(trace + os.environ.get("PYTEST_XDIST_WORKER", "")).write_text(code)
    try:
        with dog, memory.address_space_cap(4 * 2**30):
            try:
                outcome = safeexec.run(code, limits=limits, **options)
            except safeexec.SafeexecError as err:
                outcome = err
    except Hang as hang:
        raise EscapeFound(f"the run did not return: {hang}") from None
    except BaseException as exc:  # noqa: BLE001 - the property under test
        raise EscapeFound(f"{type(exc).__module__}.{type(exc).__qualname__} escaped safeexec.run: "
                          f"{str(exc)[:300]}") from exc
    if dog.fired:
        raise EscapeFound(f"the run swallowed the watchdog's Hang {dog.fired} times and went on")
    return outcome


ESCAPE_LIMITS = safeexec.Limits(max_ops=20_000, timeout=1.0, max_memory=64 * 2**20,
                                max_output=20_000, max_depth=50)


_RUNS = [0]


def _collect_now_and_then(every: int = 2000) -> None:
    """The objects a run leaves alive at its in-window collection (its outcome, the exception and
    what hangs off it) are moved to the oldest generation, and so is everything unfrozen, without
    counting towards that generation's automatic collection: their garbage piled up at about
    90 KiB a run (a 100,000-program run once grew to 21 GiB). A full collection every `every`
    runs frees it; it takes a second or more on a deep run's heap, hence not every run."""
    _RUNS[0] += 1
    if _RUNS[0] % every == 0:
        gc.collect()


def run_checked(code: str, *, limits: safeexec.Limits = ESCAPE_LIMITS):
    """Run hostile `code` with the fuzz host's tools and check every boundary property."""
    before = snapshot()
    dog = Watchdog(5.0)
    gc.freeze()     # older objects: the gc.collect() below then only walks what this run made
    try:
        with HostOutput() as printed, memory.PeakRss() as peak:
            outcome = run_outcome(code, limits=limits, allowed_imports=host.ALLOWED_IMPORTS,
                                  tools=host.TOOLS, variables=host.variables())
            with contextlib.suppress(Hang), dog:   # finalizers (__del__) of sandbox objects run here
                gc.collect()
    except EscapeFound:
        restore_files()
        restore_host(before)
        raise
    finally:
        gc.unfreeze()
        _collect_now_and_then()
    problems = files_changed() + diff_snapshots(before, snapshot()) + leaks(outcome)
    if isinstance(outcome, safeexec.Result):
        problems += [f"value holds {what}" for what in forbidden_in_value(outcome.value)]
    if peak.grew > limits.max_memory + memory.SLACK:
        problems.append(f"memory limit not honoured: peak RSS rose by {peak.grew / 2**20:.0f} MiB")
    if isinstance(outcome, safeexec.CodeError) and outcome.exc_type == "MemoryError":
        problems.append("memory limit not honoured: an allocation failed with MemoryError")
    if dog.fired:
        problems.append("a finalizer of a sandbox object ran past 5 s in the host's gc.collect()")
    problems += printed.problems()
    if problems:
        restore_files()
        restore_host(before)
        known = known_finding(code, problems)
        if known is not None:
            return KnownFinding(known, outcome)
        raise EscapeFound("; ".join(problems) + f"\n(outcome: {type(outcome).__name__}: "
                          f"{_summary(outcome)})")
    return outcome


def _summary(outcome) -> str:
    if isinstance(outcome, safeexec.Result):
        return f"output={outcome.output[:200]!r}"
    return str(outcome)[:300]
