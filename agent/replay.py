"""Print a recorded run again: `python -m agent.replay trace.jsonl`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from .display import Printer
from .memory import Step
from .trace import read_trace


def replay(path: str | Path, console: Console | None = None) -> list[Step]:
    """Print every step of the trace at `path` as it was printed live; returns the steps."""
    printer = Printer(console)
    steps = read_trace(path)
    for step in steps:
        printer.step(step)
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agent.replay", description=__doc__)
    parser.add_argument("trace", help="a JSONL trace written by CodeAgent(trace=...) or --trace")
    args = parser.parse_args(argv)
    try:
        replay(args.trace)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
