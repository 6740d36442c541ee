"""JSONL traces of a run: one JSON object per step, written as each step ends (so a run that crashes
or is interrupted still leaves its steps on disk), read back by `read_trace` for replay.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from .memory import Step, step_from_dict, step_to_dict


class TraceWriter:
    """Writes steps to a JSONL file (truncated first unless `append`), flushing after each line."""

    def __init__(self, path: str | Path, *, append: bool = False) -> None:
        self.path = Path(path)
        self._file: IO[str] = self.path.open("a" if append else "w", encoding="utf-8")

    def write(self, step: Step) -> None:
        self._file.write(json.dumps(step_to_dict(step), ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def read_trace(path: str | Path) -> list[Step]:
    """The steps stored in a trace file, in order; blank lines are skipped."""
    steps = []
    with Path(path).open(encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            if not line.strip():
                continue
            try:
                steps.append(step_from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a trace step ({exc})") from None
    return steps
