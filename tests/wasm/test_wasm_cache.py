"""The compiled-module cache, on a tiny module (compiling CPython would take ~10 s): a private
directory, atomic entries, a progress line when it compiles, and no trust in anything else."""
from __future__ import annotations

import os
import stat

import pytest

wasmtime = pytest.importorskip("wasmtime")
from safeexec.wasm import cache  # noqa: E402  (needs wasmtime)

WAT = '(module (func (export "answer") (result i32) i32.const 42))'


@pytest.fixture
def engine():
    return wasmtime.Engine()


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _answer(engine, module) -> int:
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, module, [])
    return instance.exports(store)["answer"](store)


def test_compiles_once_then_loads_from_a_private_cache(engine, root, capsys) -> None:
    compiled = []

    def source() -> bytes:
        compiled.append(1)
        return wasmtime.wat2wasm(WAT)

    first = cache.load_or_compile(engine, "k.cwasm", source)
    assert "compiling" in capsys.readouterr().err
    second = cache.load_or_compile(engine, "k.cwasm", source)
    assert capsys.readouterr().err == ""
    assert compiled == [1] and _answer(engine, first) == _answer(engine, second) == 42
    for directory in (root, root / "wasm"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    entry = root / "wasm" / "k.cwasm"
    assert not stat.S_IMODE(entry.stat().st_mode) & 0o077
    assert [p.name for p in (root / "wasm").iterdir()] == ["k.cwasm"]   # no temporary left


def test_a_damaged_entry_is_replaced(engine, root) -> None:
    (root / "wasm").mkdir(parents=True, mode=0o700)
    os.chmod(root, 0o700)
    entry = root / "wasm" / "k.cwasm"
    entry.write_bytes(b"garbage, not a compiled module")
    entry.chmod(0o600)
    module = cache.load_or_compile(engine, "k.cwasm", lambda: wasmtime.wat2wasm(WAT))
    assert _answer(engine, module) == 42
    assert entry.read_bytes() != b"garbage, not a compiled module"


def test_an_entry_from_another_engine_configuration_is_recompiled(engine, root) -> None:
    cache.load_or_compile(engine, "k.cwasm", lambda: wasmtime.wat2wasm(WAT))
    config = wasmtime.Config()
    config.consume_fuel = True
    other = wasmtime.Engine(config)
    module = cache.load_or_compile(other, "k.cwasm", lambda: wasmtime.wat2wasm(WAT))
    store = wasmtime.Store(other)
    store.set_fuel(1000)
    assert wasmtime.Instance(store, module, []).exports(store)["answer"](store) == 42


def test_a_shared_directory_is_never_used(engine, root, capsys) -> None:
    root.mkdir(mode=0o777)
    os.chmod(root, 0o777)                     # writable by others: a planted entry could run
    module = cache.load_or_compile(engine, "k.cwasm", lambda: wasmtime.wat2wasm(WAT))
    assert _answer(engine, module) == 42
    assert "not private" in capsys.readouterr().err
    assert not (root / "wasm" / "k.cwasm").exists()


def test_a_group_writable_entry_is_not_loaded(engine, root) -> None:
    cache.load_or_compile(engine, "k.cwasm", lambda: wasmtime.wat2wasm(WAT))
    entry = root / "wasm" / "k.cwasm"
    entry.chmod(0o666)
    loaded = []
    cache.load_or_compile(engine, "k.cwasm", lambda: loaded.append(1) or wasmtime.wat2wasm(WAT))
    assert loaded == [1]                      # compiled again instead of trusting the file


def test_location_follows_xdg(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_root() == tmp_path / "safeexec"
