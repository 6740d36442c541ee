"""Small helpers shared by the wasm tests."""
from __future__ import annotations

import safeexec


def run(code: str, **options) -> safeexec.Result:
    """safeexec.run on the wasm backend."""
    return safeexec.run(code, backend="wasm", **options)


def failure(code: str, **options) -> safeexec.SafeexecError:
    """The SafeexecError that running `code` on the wasm backend raises."""
    try:
        result = run(code, **options)
    except safeexec.SafeexecError as exc:
        return exc
    raise AssertionError(f"expected an error, got {result!r}")
