"""Run-time accounting for one run: ops, wall time, memory, output. Owned by the interpreter, never
reachable from sandboxed code (it lives in closures, not in the user's namespace).

Invariant: once a limit trips, the meter stays tripped; every later tick raises again, so no
`except`/`finally` (sandboxed, or host code that swallows exceptions) can resume the work.
"""
from __future__ import annotations

import os
import time

from ..errors import LimitExceeded
from ..limits import Limits

POLL_EVERY = 1024          # ticks between clock / memory polls
BIG_ALLOCATION = 1 << 16   # a pre-checked allocation this large polls memory at once
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class LimitHit(BaseException):
    """Internal signal: a limit tripped. A BaseException that sandboxed `except` never sees;
    converted to `LimitExceeded` at the sandbox boundary."""

    def __init__(self, limit: str, message: str) -> None:
        super().__init__(message)
        self.limit = limit
        self.message = message


def current_rss() -> int:
    """Resident set size of this process in bytes (Linux); 0 where /proc is missing."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


class Meter:
    """Counts and bounds one run. `tick(n)` is the hot path."""

    __slots__ = ("limits", "ops", "max_ops", "deadline", "next_check", "tripped", "output",
                 "output_bytes", "max_output", "rss_base", "max_memory", "started", "depth",
                 "max_depth", "closed", "nested", "polls")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.ops = 0
        self.max_ops = limits.max_ops
        self.started = time.monotonic()
        self.deadline = self.started + limits.timeout
        self.next_check = min(POLL_EVERY, self.max_ops + 1)
        self.tripped: LimitHit | None = None
        self.closed = False
        self.polls = 0
        self.nested: dict | None = None   # recent tuples' nesting depths (calls.track_tuple)
        self.output: list[str] = []
        self.output_bytes = 0
        self.max_output = limits.max_output
        self.max_memory = limits.max_memory
        self.rss_base = -1   # read on first need: a short run never pays for /proc (~10 us)
        self.depth = 0
        self.max_depth = limits.max_depth

    # -- tripping -----------------------------------------------------------------------------
    def trip(self, limit: str, message: str) -> None:
        if self.tripped is None:
            self.tripped = LimitHit(limit, message)
        self.next_check = 0   # the very next tick raises again (a finally cannot run on)
        raise LimitHit(self.tripped.limit, self.tripped.message)

    # -- ops and time -------------------------------------------------------------------------
    def tick(self, n: int = 1) -> None:
        self.ops += n
        if self.ops >= self.next_check:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Slow path of tick (every POLL_EVERY ops): ops limit, clock, memory watchdog.
        Hot loops inline `m.ops += 1; if m.ops >= m.next_check: m.checkpoint()`."""
        if self.closed:
            # host code calling a sandbox object after its run (repr of Result.value...): a
            # public error, never the internal signal
            raise LimitExceeded("time", "the run has ended; sandboxed code cannot run after it "
                                        "(call it inside a run instead)")
        if self.tripped is not None:
            raise LimitHit(self.tripped.limit, self.tripped.message)
        if self.ops > self.max_ops:
            self.trip("ops", f"operation limit exceeded: more than {self.max_ops:,} operations")
        self.next_check = min(self.ops + POLL_EVERY, self.max_ops + 1)
        if time.monotonic() > self.deadline:
            self.trip("time", f"time limit exceeded: ran longer than {self.limits.timeout:g} s")
        self.polls += 1
        base = self.rss_base if self.rss_base >= 0 else self._read_base()
        if base and current_rss() - base > self.max_memory:
            self._memory_tripped()

    def poll(self) -> None:
        self.checkpoint()

    def close(self) -> None:
        """End of the run: any sandboxed code that still runs (a finalizer, a generator resumed
        by the host) trips at its next tick."""
        self.closed = True
        self.next_check = self.ops

    def check_time(self) -> None:
        if self.tripped is not None:
            raise LimitHit(self.tripped.limit, self.tripped.message)
        if time.monotonic() > self.deadline:
            self.trip("time", f"time limit exceeded: ran longer than {self.limits.timeout:g} s")

    def remaining_time(self) -> float:
        return self.deadline - time.monotonic()

    # -- memory -------------------------------------------------------------------------------
    def _memory_tripped(self) -> None:
        self.trip("memory", f"memory limit exceeded: more than {self.max_memory:,} bytes")

    def _read_base(self) -> int:
        self.rss_base = current_rss()
        return self.rss_base

    def alloc(self, nbytes: int) -> None:
        """Pre-check one allocation of about `nbytes` before it happens."""
        if nbytes > self.max_memory:
            self._memory_tripped()
        if nbytes >= BIG_ALLOCATION:
            base = self.rss_base if self.rss_base >= 0 else self._read_base()
            if base and current_rss() - base + nbytes > self.max_memory:
                self._memory_tripped()

    # -- output -------------------------------------------------------------------------------
    def write(self, text: str) -> None:
        """Append printed text; keeps what fits, then trips the output limit."""
        size = len(text.encode("utf-8", "surrogatepass"))
        if self.output_bytes + size > self.max_output:
            room = self.max_output - self.output_bytes
            if room > 0:
                self.output.append(text.encode("utf-8", "surrogatepass")[:room]
                                   .decode("utf-8", "ignore"))
            self.output_bytes = self.max_output
            self.trip("output", f"output limit exceeded: more than {self.max_output:,} bytes printed")
        self.output.append(text)
        self.output_bytes += size

    def text(self) -> str:
        return "".join(self.output)

    def metered(self, iterable, cost: int = 1):
        """Iterate `iterable`, ticking `cost` per element: bounds C consumers (sum, list, ...)."""
        tick = self.tick
        for item in iterable:
            tick(cost)
            yield item

    # -- nesting of values built by sandboxed code ------------------------------------------------
    # hash() of a tuple nested ~133,000 deep segfaults CPython, and next() through a chain of
    # 20,000 lazy iterators takes seconds before RecursionError: both are bounded by remembering
    # the depth of the most recent values built (a chain always links the newest one).
    NEST_WINDOW = 256

    def depth_of(self, obj) -> int:
        reg = self.nested
        if reg is None:
            return 0
        entry = reg.get(id(obj))
        return entry[1] if entry is not None and entry[0] is obj else 0

    def record_depth(self, obj, depth: int, cap: int, what: str) -> None:
        if depth > cap:
            self.trip("depth", f"data nested too deeply: {what} more than {cap:,} levels deep")
        reg = self.nested
        if reg is None:
            reg = self.nested = {}
        reg[id(obj)] = (obj, depth)
        if len(reg) > self.NEST_WINDOW:
            del reg[next(iter(reg))]

    def to_error(self, hit: LimitHit, lineno: int | None = None) -> LimitExceeded:
        return LimitExceeded(hit.limit, hit.message, output=self.text(), lineno=lineno)
