"""Findings already reported and not fixed yet, so that the properties keep hunting for new ones.

Each entry recognises one known failure by the oracle's own problem text and the program, never by
the interpreter's messages; `FRAME_NORMALIZERS` do the same for traceback differences in the
differential property. A property that hits one tallies it as `known:<name>` instead of failing;
each finding also has a strict-xfail test with its minimal reproduction (test_known_findings.py),
which starts failing the day the interpreter is fixed: then delete the entry here and the xfail
marker there.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Known:
    name: str
    why: str
    matches: Callable[[str, str], bool]   # (program, problem) -> bool


KNOWN: list[Known] = []   # none open: every finding so far is fixed (README.md)


def known_finding(program: str, problems: list[str]) -> Known | None:
    """The known finding that explains every problem found, or None."""
    for known in KNOWN:
        if problems and all(known.matches(program, p) for p in problems):
            return known
    return None


# -- traceback frames (line, function name, source line) in the differential property ------------
def _short_names(program: str, frames: tuple) -> tuple:
    return tuple((line, name.rsplit(".", 1)[-1], src) for line, name, src in frames)


def _innermost_only(program: str, frames: tuple) -> tuple:
    return tuple((line, src) for line, _, src in frames[-1:]) if "yield" in program else frames


FRAME_NORMALIZERS: list[tuple[str, str, Callable[[str, tuple], tuple]]] = [
    # (name, why, normalize(program, frames)): none open; "traceback-shows-qualname" (`C.m` for
    # `m`) and "generator-frames-missing" were fixed, _short_names and _innermost_only undid them.
]


def explain_frames(program: str, expected: tuple, actual: tuple) -> str | None:
    """Name the known findings that account for the difference between two frame lists."""
    used = []
    for name, _, normalize in FRAME_NORMALIZERS:
        if expected == actual:
            break
        new_expected, new_actual = normalize(program, expected), normalize(program, actual)
        if (new_expected, new_actual) != (expected, actual):
            used.append(name)
            expected, actual = new_expected, new_actual
    return "+".join(used) if used and expected == actual else None
