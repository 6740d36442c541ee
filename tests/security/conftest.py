"""Fixtures for the security corpus.

`sandbox` is parametrized over the backends ("ast", "wasm") and "cpython", the control that
runs the attack with plain exec and checks it really does damage there. Each instance brings
its bait: a canary path (tmp_path/canary) that attacks try to create, a secret file with random
content that attacks try to read, an environment variable holding a secret, and the tools of
host_tools whose globals, closures, defaults and instances hold more secrets.
"""
from __future__ import annotations

import pytest

from .harness import Sandbox

BACKENDS = ("ast", "wasm", "cpython")


@pytest.fixture(params=BACKENDS)
def sandbox(request, tmp_path, monkeypatch) -> Sandbox:
    return Sandbox(request.param, tmp_path, monkeypatch, request.node)


@pytest.fixture(params=("ast", "wasm"))
def sandboxed(request, tmp_path, monkeypatch) -> Sandbox:
    """The real backends only: for checks that have no meaningful CPython control."""
    return Sandbox(request.param, tmp_path, monkeypatch, request.node)


@pytest.fixture
def wasm(request, tmp_path, monkeypatch) -> Sandbox:
    """The wasm backend alone: isolation checks that only a WASI guest can promise."""
    return Sandbox("wasm", tmp_path, monkeypatch, request.node)


WARM_MODULES = ("json", "math", "uuid", "statistics", "typing", "dataclasses", "enum", "random",
                "datetime", "fractions", "calendar", "string", "operator", "functools",
                "itertools", "copy", "decimal", "re", "collections", "os.path", "io", "queue")


@pytest.fixture(scope="session", autouse=True)
def _warm_ast_backend():
    """Build the ast backend's lazy tables and import the allowed modules once in this process,
    so that each forked attack does not pay for it again (it would cost ~0.4 s per test)."""
    import safeexec
    for name in WARM_MODULES:
        try:
            safeexec.run(f"import {name}\nclass C:\n    pass\n[x for x in range(3)]",
                         allowed_imports=[name])
        except safeexec.SafeexecError:
            pass
