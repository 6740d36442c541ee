"""Lifecycle: sessions close deterministically (explicitly, by context manager, or when garbage
collected), many open/close cycles leak neither memory nor threads, sessions run concurrently in
threads, and the pool hands out fresh guests."""
from __future__ import annotations

import gc
import os
import threading
import time

import pytest

import safeexec
from safeexec import Limits

pytestmark = pytest.mark.usefixtures("wasm")

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm", "rb") as fh:
        return int(fh.read().split()[1]) * _PAGE


def guest_threads() -> int:
    return sum(t.name == "safeexec-wasm-guest" for t in threading.enumerate())


def test_close_is_idempotent_and_final() -> None:
    s = safeexec.Session(backend="wasm")
    assert s.run("1 + 1").value == 2
    s.close()
    s.close()
    with pytest.raises(safeexec.SafeexecError, match="closed"):
        s.run("1")


def test_close_waits_for_the_guest_to_be_freed() -> None:
    before = guest_threads()
    with safeexec.Session(backend="wasm") as s:
        s.run("x = 1")
        assert guest_threads() == before + 1
    assert guest_threads() == before


def test_garbage_collected_session_frees_its_guest() -> None:
    s = safeexec.Session(backend="wasm")
    s.run("x = 1")
    thread = s._impl.holder.process.thread
    del s
    gc.collect()
    thread.join(5)
    assert not thread.is_alive()


def _cycles(count: int) -> None:
    for i in range(count):
        with safeexec.Session(backend="wasm", variables={"i": i}) as s:
            assert s.run("i + 1").value == i + 1


def _no_leak(count: int) -> None:
    from wasmtime._func import FUNCTIONS       # host callbacks wasmtime-py keeps per store
    _cycles(20)                                 # warm: first compile, driver bytecode, caches
    gc.collect()
    base_rss, base_threads = rss(), threading.active_count()
    base_callbacks = len(FUNCTIONS.handles)
    _cycles(count)
    gc.collect()
    assert threading.active_count() == base_threads
    assert len(FUNCTIONS.handles) == base_callbacks
    growth = rss() - base_rss
    assert growth < 40 * 2**20, f"RSS grew by {growth / 2**20:.1f} MiB over {count} sessions"


def test_200_sessions_open_and_close_without_leaking() -> None:
    _no_leak(200)


@pytest.mark.slow
def test_1000_sessions_open_and_close_without_leaking() -> None:
    _no_leak(1000)


def test_concurrent_sessions_in_threads() -> None:
    results: dict[int, object] = {}
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            with safeexec.Session(backend="wasm", variables={"i": i}) as s:
                s.run("acc = 0\nfor k in range(100_000):\n    acc += k")
                results[i] = s.run("(acc, i)").value
        except BaseException as exc:     # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert results == {i: (4999950000, i) for i in range(6)}


def test_one_session_hitting_a_limit_does_not_disturb_another() -> None:
    with safeexec.Session(backend="wasm", limits=Limits(max_ops=10**12, timeout=0.5)) as busy, \
            safeexec.Session(backend="wasm") as calm:
        calm.run("x = 'calm'")
        outcome: list = []
        t = threading.Thread(target=lambda: outcome.append(
            pytest.raises(safeexec.LimitExceeded, busy.run, "while True:\n    pass")))
        t.start()
        for _ in range(20):
            assert calm.run("x").value == "calm"
        t.join(10)
        assert outcome and outcome[0].value.limit == "time"


def test_pool_hands_out_fresh_booted_guests() -> None:
    from safeexec.wasm import pool
    pool.warm(2)
    try:
        deadline = time.monotonic() + 10
        with safeexec.Session(backend="wasm") as first:
            first.run("leak = 'from the first session'")
        with safeexec.Session(backend="wasm") as second:
            with pytest.raises(safeexec.CodeError):
                second.run("leak")                  # a pooled guest never carries state
        while pool.size() < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pool.size() == 2                     # taking one boots a replacement
    finally:
        pool.warm(0)
    assert pool.size() == 0
