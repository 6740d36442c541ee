"""Measure the wasm backend's fixed costs, as reported in docs/wasm.md (not a test).

    .venv/bin/python tests/wasm/measure.py [--repeat N]

Cold compile and cached load use a private temporary cache; every other number is the median of
N repeats. Each line gives wall-clock time and, in brackets, the CPU time this process used (all
its threads): on a busy machine the CPU time is the steadier number.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

LOOP = """
def work(n):
    total = 0
    for i in range(n):
        if i % 3:
            total += i * i
    return total
"""


class Clock:
    """Wall-clock and process CPU time of a block, accumulated over repeats."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> "Clock":
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall.append(time.perf_counter() - self._wall)
        self.cpu.append(time.process_time() - self._cpu)

    def ms(self, per: int = 1) -> str:
        wall = statistics.median(self.wall) / per * 1000
        cpu = statistics.median(self.cpu) / per * 1000
        return f"{wall:.2f} ms [cpu {cpu:.2f} ms]"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    n = parser.parse_args().repeat

    import wasmtime

    from safeexec.wasm import cache, engine, runtime, stack
    from safeexec.wasm.process import Command, Process

    clock = Clock()
    with clock:
        image = runtime.load()
    print(f"read + SHA-256 of the runtime ({len(image.data) / 2**20:.1f} MiB): {clock.ms()}")

    config = wasmtime.Config()
    config.consume_fuel = True
    config.epoch_interruption = True
    probe = wasmtime.Engine(config)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ[cache.ENV_VAR] = tmp
        clock = Clock()
        with clock:
            cache.load_or_compile(probe, "probe.cwasm", lambda: stack.relocate_stack(image.data))
        print(f"cold compile (and cache write): {clock.ms()}")
        clock = Clock()
        for _ in range(5):
            with clock:
                cache.load_or_compile(probe, "probe.cwasm", lambda: b"")
        print(f"cached load: {clock.ms()}")
        del os.environ[cache.ENV_VAR]

    shared = engine.shared()
    warm = Process(shared)          # obtains the driver's bytecode once
    warm.request(Command({"op": "exec", "code": "1"}, fuel=10**10, timeout=30), 60)
    warm.close()
    clock = Clock()
    for _ in range(n):
        with clock:
            process = Process(shared)
            process.request(Command({"op": "init", "allowed": [], "tools": [], "variables": {},
                                     "max_output": 10**6, "max_depth": 200}, fuel=10**10,
                                    timeout=30, memory_limit=256 * 2**20), 60)
        process.close()
    print(f"boot of a fresh guest (instance + interpreter + driver, ready for code): {clock.ms()}")

    import safeexec
    with safeexec.Session(backend="wasm", tools={"tool": lambda x: x},
                          limits=safeexec.Limits(max_ops=10**12, timeout=600)) as s:
        s.run("x = 0")
        clock = Clock()
        for _ in range(n * 10):
            with clock:
                s.run("x = x + 1")
        print(f"warm snippet (`x = x + 1` in a live session, end to end): {clock.ms()}")
        calls = 2000
        s.run("def local(x):\n    return x")
        with_tool, without = Clock(), Clock()
        for _ in range(5):
            with with_tool:
                s.run(f"for i in range({calls}):\n    tool(i)")
            with without:
                s.run(f"for i in range({calls}):\n    local(i)")
        wall = (statistics.median(with_tool.wall) - statistics.median(without.wall)) / calls
        cpu = (statistics.median(with_tool.cpu) - statistics.median(without.cpu)) / calls
        print(f"tool call round trip: {wall * 1e6:.0f} us [cpu {cpu * 1e6:.0f} us]")
        s.run(LOOP)
        guest = Clock()
        for _ in range(5):
            with guest:
                s.run("total = work(300_000)")
    native_ns: dict = {}
    exec(LOOP, native_ns)
    native = Clock()
    for _ in range(5):
        with native:
            native_ns["work"](300_000)
    ratio = statistics.median(guest.wall) / statistics.median(native.wall)
    cpu_ratio = statistics.median(guest.cpu) / statistics.median(native.cpu)
    print(f"CPU-bound loop (300k iterations): native {native.ms()}, guest {guest.ms()}: "
          f"{ratio:.1f}x [cpu {cpu_ratio:.1f}x]")


if __name__ == "__main__":
    main()
