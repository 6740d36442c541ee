"""The value a successful run returns."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Result:
    """What a run produced.

    value:    the value of the last expression statement (REPL-style), or the Stop value.
    output:   everything the code printed.
    ops:      operations counted.
    duration: wall-clock seconds.
    stopped:  True when a tool ended the run with `safeexec.Stop(value)`.
    """

    value: object
    output: str
    ops: int
    duration: float
    stopped: bool = False
