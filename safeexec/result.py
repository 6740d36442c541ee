"""The value a successful run returns."""
from __future__ import annotations


class Result:
    """What a run produced.

    value:    the value of the last expression statement (REPL-style), or the Stop value.
    output:   everything the code printed.
    ops:      operations counted.
    duration: wall-clock seconds.
    stopped:  True when a tool ended the run with `safeexec.Stop(value)`.
    """

    __slots__ = ("value", "output", "ops", "duration", "stopped")

    def __init__(self, value: object, output: str, ops: int, duration: float,
                 stopped: bool = False) -> None:
        self.value = value
        self.output = output
        self.ops = ops
        self.duration = duration
        self.stopped = stopped

    def __repr__(self) -> str:
        return (f"Result(value={self.value!r}, output={self.output!r}, ops={self.ops!r}, "
                f"duration={self.duration!r}, stopped={self.stopped!r})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return (self.value, self.output, self.ops, self.duration, self.stopped) == \
            (other.value, other.output, other.ops, other.duration, other.stopped)

    __hash__ = None  # type: ignore[assignment]
