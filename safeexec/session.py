"""`Session` and `run`: the public entry points, dispatching to a backend.

A backend is any object with `run(code) -> Result`, a `variables` property (a copy of the user's
names) and `close()`. Backends are imported lazily so that `import safeexec` stays cheap and never
imports wasmtime.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping


from .errors import SafeexecError
from .limits import Limits
from .result import Result

BACKENDS = ("ast", "wasm")


class BackendUnavailable(SafeexecError, ImportError):
    """The requested backend needs an optional dependency that is not installed."""


_AST_BACKEND = None
_DEFAULT_LIMITS = Limits()


def _make_backend(backend: str, **options: object) -> object:
    global _AST_BACKEND
    if backend == "ast":
        if _AST_BACKEND is None:
            from .interp.backend import AstBackend
            _AST_BACKEND = AstBackend
        return _AST_BACKEND(**options)
    if backend == "wasm":
        try:
            from .wasm.backend import WasmBackend
            return WasmBackend(**options)
        except ImportError as exc:
            raise BackendUnavailable(
                f"the wasm backend needs its extra: pip install 'safeexec[wasm]' ({exc})") from None
    raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")


class Session:
    """A sandbox whose names persist between runs.

    >>> s = Session()
    >>> s.run("x = 1").value is None and s.run("x + 1").value
    2
    """

    def __init__(self, *, allowed_imports: Iterable[str] = (),
                 tools: Mapping[str, Callable[..., object]] | None = None,
                 variables: Mapping[str, object] | None = None,
                 limits: Limits | None = None, backend: str = "ast") -> None:
        if isinstance(allowed_imports, str):
            raise TypeError("allowed_imports must be a list of module names, not a string")
        self.backend = backend
        self.limits = limits if limits is not None else _DEFAULT_LIMITS
        if not isinstance(self.limits, Limits):
            raise TypeError("limits must be a safeexec.Limits")
        self._impl = _make_backend(backend, allowed_imports=tuple(allowed_imports),
                                   tools=dict(tools or {}), variables=dict(variables or {}),
                                   limits=self.limits)

    def run(self, code: str) -> Result:
        """Run `code` in this session; raises a SafeexecError subclass on any failure."""
        if not isinstance(code, str):
            raise TypeError(f"code must be a str, not {type(code).__name__}")
        return self._impl.run(code)

    @property
    def variables(self) -> dict[str, object]:
        """A copy of the session's user-defined names."""
        return self._impl.variables

    def close(self) -> None:
        self._impl.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run(code: str, *, allowed_imports: Iterable[str] = (),
        tools: Mapping[str, Callable[..., object]] | None = None,
        variables: Mapping[str, object] | None = None, limits: Limits | None = None,
        backend: str = "ast") -> Result:
    """Run untrusted `code` once in a fresh sandbox and return its Result."""
    with Session(allowed_imports=allowed_imports, tools=tools, variables=variables,
                 limits=limits, backend=backend) as session:
        return session.run(code)
