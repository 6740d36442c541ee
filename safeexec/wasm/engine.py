"""What every guest shares: one engine, one compiled module, one linker, one epoch ticker.

Built lazily on first use, under a lock, once per CPython build (the bundled one unless a path is
given). The engine meters fuel (operations) and checks epochs (wall time); the ticker thread
advances the epoch every TICK seconds while at least one guest is alive, and sleeps otherwise.
Must be imported only by the wasm backend (it imports wasmtime).
"""
from __future__ import annotations

import importlib.metadata
import math
import os
import threading
import time

import wasmtime

from . import cache, runtime, stack, wasi

TICK = 0.01                 # seconds per epoch: the granularity of the time limit
CONFIG = "fuel+epochs"      # engine settings that change compiled code: part of the cache key
MAX_SECONDS = 10.0**9       # longer timeouts are clamped (epochs and fuel are 64-bit counters)
MAX_FUEL = 2**63 - 1


class Ticker:
    """Advances the engine's epoch in step with the wall clock while guests are alive."""

    def __init__(self, engine: wasmtime.Engine) -> None:
        self.engine = engine
        self.users = 0
        self.cond = threading.Condition()
        self.thread: threading.Thread | None = None

    def acquire(self) -> None:
        with self.cond:
            self.users += 1
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="safeexec-wasm-epoch",
                                               daemon=True)
                self.thread.start()
            self.cond.notify()

    def release(self) -> None:
        with self.cond:
            self.users -= 1

    @staticmethod
    def ticks(seconds: float) -> int:
        """Epoch deadline for `seconds` from now (one extra tick: the current one is partial)."""
        if not seconds < MAX_SECONDS:          # also catches inf and nan
            seconds = MAX_SECONDS
        return max(1, math.ceil(seconds / TICK) + 1)

    def _run(self) -> None:
        due = time.monotonic()
        while True:
            with self.cond:
                if not self.users:
                    while not self.users:
                        self.cond.wait()
                    due = time.monotonic()
            now = time.monotonic()
            while due <= now:                  # catch up after a late wake-up
                self.engine.increment_epoch()
                due += TICK
            time.sleep(max(0.0, due - time.monotonic()))


class Shared:
    """The engine, the compiled CPython module pre-linked with WASI and the host's shims."""

    def __init__(self, python_wasm: str | os.PathLike | None) -> None:
        config = wasmtime.Config()
        config.consume_fuel = True
        config.epoch_interruption = True
        self.engine = wasmtime.Engine(config)
        image = runtime.load(python_wasm)
        key = cache.entry_name(image.sha256, f"stack-v{stack.PATCH_VERSION}",
                               importlib.metadata.version("wasmtime"), CONFIG)

        def source() -> bytes:
            try:
                return stack.relocate_stack(image.data)
            except stack.NotPatchable:
                return image.data      # a user's build with another layout runs as it is
        self.module = cache.load_or_compile(self.engine, key, source)
        self.linker = wasmtime.Linker(self.engine)
        self.linker.define_wasi()
        wasi.define(self.linker)
        self.pre = self.linker.instantiate_pre(self.module)
        self.ticker = Ticker(self.engine)
        self.path = image.path
        self.driver_code: bytes | None = None    # the guest driver compiled by a guest (3.12)


_lock = threading.Lock()
_shared: dict[str, Shared] = {}


def shared(python_wasm: str | os.PathLike | None = None) -> Shared:
    """The Shared state for this CPython build, built on first use (thread-safe)."""
    key = os.fspath(python_wasm) if python_wasm is not None else \
        os.environ.get(runtime.ENV_VAR) or ""
    with _lock:
        found = _shared.get(key)
        if found is None:
            found = _shared[key] = Shared(python_wasm if python_wasm is not None else (key or None))
        return found
