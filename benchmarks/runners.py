"""The runners compared by the benchmarks: native CPython and each sandbox, set up the way a careful
user would set it up, behind one shape.

`RUNNERS[name].prepare(workload, n)` does the one-off work (compile, create the session or executor)
and returns a zero-argument callable that runs the workload once and returns its checksum; only
that callable is timed. A runner that cannot be set up here raises `Unavailable`.

Traps:
- Native and RestrictedPython compile once and exec a fresh globals dict per call (a cached snippet);
  safeexec "ast" is timed both as `safeexec.run` (a fresh sandbox per call) and as a `Session`
  reused for the same snippet; smolagents' executor is created once, as an agent does, and parses on
  every call, since it has no cache.
- Output is captured by every runner (native's sys.stdout is swapped for a StringIO around the
  exec), so printing costs alike.
- smolagents' op counter and while-loop cap are module globals; they are raised here, once, so that
  they do not abort the workloads. Its time limit stays on (raised), as safeexec's does.
"""
from __future__ import annotations

import builtins
import io
import operator
import sys
import warnings
from collections.abc import Callable
from typing import Any

from workloads import Workload, search

Thunk = Callable[[], Any]

# Generous limits: the benchmarks measure speed, the limits must never stop a workload (the 10N
# scaling runs included). They are still enforced, so their bookkeeping is part of the cost.
BENCH_LIMITS = dict(max_ops=10**12, timeout=600.0, max_memory=8 * 2**30, max_output=10**8)


class Unavailable(Exception):
    """This runner cannot run here (a missing package or backend); the message says why."""


def _initial_names(workload: Workload, n: int) -> dict[str, Any]:
    names: dict[str, Any] = {"N": n}
    if workload.uses_tool:
        names["search"] = search
    return names


# -- native CPython ----------------------------------------------------------------------------
def native(workload: Workload, n: int) -> Thunk:
    code = compile(workload.source, workload.path.name, "exec")
    base = {"__builtins__": builtins, "__name__": "__main__", **_initial_names(workload, n)}

    def call() -> Any:
        names = dict(base)
        saved, sys.stdout = sys.stdout, io.StringIO()     # capture, as every sandbox does
        try:
            exec(code, names)
        finally:
            sys.stdout = saved
        return names.get("checksum")
    return call


# -- safeexec ----------------------------------------------------------------------------------
def _safeexec_options(workload: Workload, n: int) -> dict[str, Any]:
    import safeexec
    return dict(allowed_imports=list(workload.imports),
                tools={"search": search} if workload.uses_tool else {},
                variables={"N": n}, limits=safeexec.Limits(**BENCH_LIMITS))


def _safeexec_import() -> Any:
    try:
        import safeexec
    except ImportError as exc:  # pragma: no cover - the package is installed in .venv
        raise Unavailable(f"safeexec not importable: {exc}") from None
    return safeexec


def _session(backend: str, workload: Workload, n: int) -> Any:
    safeexec = _safeexec_import()
    try:
        return safeexec.Session(backend=backend, **_safeexec_options(workload, n))
    except ImportError as exc:   # BackendUnavailable, or the backend is not written yet
        raise Unavailable(f"backend {backend!r} unavailable: {exc}") from None


def ast_run(workload: Workload, n: int) -> Thunk:
    safeexec = _safeexec_import()
    _session("ast", workload, n).close()          # fail early (Unavailable) rather than per call
    options = _safeexec_options(workload, n)
    source = workload.source
    return lambda: safeexec.run(source, backend="ast", **options).value


def wasm_run(workload: Workload, n: int) -> Thunk:
    safeexec = _safeexec_import()
    _session("wasm", workload, n).close()
    options = _safeexec_options(workload, n)
    source = workload.source
    return lambda: safeexec.run(source, backend="wasm", **options).value


def ast_session(workload: Workload, n: int) -> Thunk:
    session = _session("ast", workload, n)
    source = workload.source
    return lambda: session.run(source).value


def wasm_session(workload: Workload, n: int) -> Thunk:
    session = _session("wasm", workload, n)
    source = workload.source
    return lambda: session.run(source).value


# -- smolagents --------------------------------------------------------------------------------
_SMOL_TOOL: Any = None


def smolagents_executor(workload: Workload, n: int) -> Thunk:
    global _SMOL_TOOL
    try:
        import smolagents
        from smolagents import local_python_executor as lpe
    except ImportError as exc:
        raise Unavailable(f"smolagents not installed: {exc}") from None
    lpe.MAX_OPERATIONS = 10**12
    lpe.MAX_WHILE_ITERATIONS = 10**12
    if _SMOL_TOOL is None:
        _SMOL_TOOL = smolagents.tool(search)      # a real smolagents Tool, as an agent passes it
    executor = lpe.LocalPythonExecutor(additional_authorized_imports=list(workload.imports),
                                       timeout_seconds=600)
    executor.send_tools({"search": _SMOL_TOOL} if workload.uses_tool else {})
    executor.send_variables({"N": n})
    source = workload.source
    return lambda: executor(source).output


# -- RestrictedPython --------------------------------------------------------------------------
# Builtins a restricted setup adds to RestrictedPython's safe_builtins for ordinary code (Zope's
# AccessControl adds the same kind); none of them reaches host state.
_RP_EXTRA_BUILTINS = ("sum", "min", "max", "enumerate", "list", "dict", "set", "frozenset", "any",
                      "all", "map", "filter", "reversed", "iter", "next")

_INPLACE = {"+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
            "//=": operator.ifloordiv, "%=": operator.imod, "**=": operator.ipow,
            "<<=": operator.ilshift, ">>=": operator.irshift, "&=": operator.iand,
            "|=": operator.ior, "^=": operator.ixor, "@=": operator.imatmul}


def _rp_globals(workload: Workload, n: int) -> dict[str, Any]:
    from RestrictedPython import safe_globals
    from RestrictedPython.Eval import default_guarded_getitem, default_guarded_getiter
    from RestrictedPython.Guards import (full_write_guard, guarded_iter_unpack_sequence,
                                         guarded_unpack_sequence, safer_getattr)
    from RestrictedPython.PrintCollector import PrintCollector

    allowed = frozenset(workload.imports)

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level != 0 or name not in allowed:
            raise ImportError(f"import of {name!r} is not allowed")
        return __import__(name, globals, locals, fromlist, level)

    restricted_builtins = dict(safe_globals["__builtins__"])
    restricted_builtins.update({name: getattr(builtins, name) for name in _RP_EXTRA_BUILTINS})
    restricted_builtins["__import__"] = guarded_import
    return {
        "__builtins__": restricted_builtins,
        "__name__": "restricted",
        "__metaclass__": type,
        "_getattr_": safer_getattr,
        "_getitem_": default_guarded_getitem,
        "_getiter_": default_guarded_getiter,
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
        "_unpack_sequence_": guarded_unpack_sequence,
        "_write_": full_write_guard,
        "_inplacevar_": lambda op, x, y: _INPLACE[op](x, y),
        "_apply_": lambda f, *args, **kwargs: f(*args, **kwargs),
        "_print_": PrintCollector,
        **_initial_names(workload, n),
    }


def _compile_restricted(workload: Workload) -> Any:
    from RestrictedPython import compile_restricted
    with warnings.catch_warnings():      # "Prints, but never reads 'printed' variable"
        warnings.simplefilter("ignore", SyntaxWarning)
        return compile_restricted(workload.source, workload.path.name, "exec")


def restricted_python(workload: Workload, n: int) -> Thunk:
    try:
        import RestrictedPython  # noqa: F401
    except ImportError as exc:
        raise Unavailable(f"RestrictedPython not installed: {exc}") from None
    code = _compile_restricted(workload)
    base = _rp_globals(workload, n)

    def call() -> Any:
        names = dict(base)
        exec(code, names)
        return names.get("checksum")
    return call


def native_compile(workload: Workload, n: int) -> Thunk:
    base = {"__builtins__": builtins, "__name__": "__main__", **_initial_names(workload, n)}
    source = workload.source

    def call() -> Any:
        names = dict(base)
        saved, sys.stdout = sys.stdout, io.StringIO()
        try:
            exec(compile(source, workload.path.name, "exec"), names)
        finally:
            sys.stdout = saved
        return names.get("checksum")
    return call


def restricted_python_compile(workload: Workload, n: int) -> Thunk:
    base = _rp_globals(workload, n)

    def call() -> Any:
        names = dict(base)
        exec(_compile_restricted(workload), names)
        return names.get("checksum")
    return call


# name -> (prepare, one-line description for the report)
RUNNERS: dict[str, tuple[Callable[[Workload, int], Thunk], str]] = {
    "native": (native, "CPython exec of code compiled once"),
    "ast": (ast_run, "safeexec.run(code) — a fresh sandbox per call"),
    "ast-session": (ast_session, "safeexec.Session reused, same snippet each call"),
    "wasm-session": (wasm_session, "safeexec.Session(backend='wasm') reused"),
    "smolagents": (smolagents_executor, "smolagents LocalPythonExecutor, created once"),
    "restrictedpython": (restricted_python, "compile_restricted once + guarded safe_globals"),
}

# Measured for the fixed cost per call only: new code every call, or a fresh wasm guest per call.
FIXED_COST_EXTRAS: dict[str, tuple[Callable[[Workload, int], Thunk], str]] = {
    "native+compile": (native_compile, "compile() + exec every call"),
    "wasm": (wasm_run, "safeexec.run(code, backend='wasm') — a fresh guest per call"),
    "restrictedpython+compile": (restricted_python_compile, "compile_restricted() + exec every call"),
}
