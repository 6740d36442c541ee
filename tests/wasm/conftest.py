"""Fixtures for the wasm backend's own tests.

Tests that need a running guest take the `wasm` fixture (or `session`), which skips them cleanly
when wasmtime or the runtime package is missing; tests of the pure modules (codec, import rule,
stack patch) run everywhere. `@pytest.mark.slow` tests run only with SAFEEXEC_SLOW=1.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import safeexec
from behaviour_runner import wasm_unavailable

HERE = Path(__file__).parent


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: long wasm soak tests; run with SAFEEXEC_SLOW=1")


def pytest_collection_modifyitems(config, items) -> None:
    if os.environ.get("SAFEEXEC_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow soak test; set SAFEEXEC_SLOW=1 to run it")
    for item in items:
        if "slow" in item.keywords and HERE in Path(str(item.fspath)).parents:
            item.add_marker(skip)


@pytest.fixture
def wasm() -> None:
    """Skip unless the wasm backend can run here."""
    reason = wasm_unavailable()
    if reason:
        pytest.skip(reason)


@pytest.fixture
def session(wasm):
    """A factory of wasm Sessions, all closed after the test."""
    opened: list[safeexec.Session] = []

    def make(**options) -> safeexec.Session:
        s = safeexec.Session(backend="wasm", **options)
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()
