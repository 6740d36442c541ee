"""Measuring and capping this process's memory around one run (Linux /proc; no-ops elsewhere).

`PeakRss` resets the kernel's high-water mark (VmHWM) before a run and reads it after, so a spike
inside a C call is seen even when it is freed before the run returns. `address_space_cap` turns a
missing pre-check into a MemoryError instead of an out-of-memory kill of the whole machine.

Trap: the cap counts virtual memory of every thread of this process (pytest-xdist's included), so
it is generous (current size + 4 GiB) and only held while one program runs.
"""
from __future__ import annotations

import contextlib
import resource
from pathlib import Path

SLACK = 64 * 2**20   # interpreter overhead and allocation granularity above max_memory


def status_bytes(field: str) -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class PeakRss:
    """`with PeakRss() as peak:` ... `peak.grew` is how far the resident set peaked above its start."""

    def __enter__(self) -> "PeakRss":
        try:
            Path("/proc/self/clear_refs").write_text("5")     # VmHWM := VmRSS
            self.supported = True
        except OSError:
            self.supported = False
        self.start = status_bytes("VmRSS")
        self.grew = 0
        return self

    def __exit__(self, *exc: object) -> None:
        if self.supported:
            self.grew = max(0, status_bytes("VmHWM") - self.start)


@contextlib.contextmanager
def address_space_cap(extra: int):
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    size = status_bytes("VmSize")
    if not size:
        yield
        return
    cap = size + extra if hard == resource.RLIM_INFINITY else min(size + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
