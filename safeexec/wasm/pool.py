"""Pre-booted guests, so that a new wasm Session does not wait ~0.1 s for CPython to start.

    import safeexec.wasm.pool
    safeexec.wasm.pool.warm(4)     # keep four guests booted; each new session takes one

A pooled guest has booted the interpreter and the driver and nothing else: the session's tools,
variables, imports and memory limit arrive with its first command, so no state is shared between
sessions (a guest is never returned to the pool). Booting happens on the guests' own threads;
`warm` returns at once. Taking a guest boots a replacement in the background.
"""
from __future__ import annotations

import atexit
import os
import threading

from . import engine
from .process import Process

_lock = threading.Lock()
_ready: dict[int, list[Process]] = {}      # id(Shared) -> booted or booting guests
_target: dict[int, int] = {}


def warm(count: int, python_wasm: str | os.PathLike | None = None) -> None:
    """Keep `count` guests booted for the given CPython build (0 empties the pool)."""
    if count < 0:
        raise ValueError("count must be >= 0")
    shared = engine.shared(python_wasm)
    with _lock:
        _target[id(shared)] = count
        guests = _ready.setdefault(id(shared), [])
        surplus = guests[count:]
        del guests[count:]
        while len(guests) < count:
            guests.append(Process(shared))
    for process in surplus:
        process.close(wait=False)


def take(shared: engine.Shared) -> Process | None:
    """A pooled guest for `shared` (a replacement starts booting), or None when the pool is
    empty."""
    with _lock:
        guests = _ready.get(id(shared))
        while guests:
            process = guests.pop(0)
            if process.dead or process.abandoned:
                continue
            if len(guests) < _target.get(id(shared), 0):
                guests.append(Process(shared))
            return process
    return None


def size(python_wasm: str | os.PathLike | None = None) -> int:
    with _lock:
        return len(_ready.get(id(engine.shared(python_wasm)), ()))


@atexit.register
def _drain() -> None:
    with _lock:
        guests = [p for group in _ready.values() for p in group]
        _ready.clear()
    for process in guests:
        process.close(wait=False)
