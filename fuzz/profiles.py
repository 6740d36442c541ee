"""Hypothesis profiles (`ci`, `deep`, `dev`) and the per-property tally printed at session end.

The profile comes from HYPOTHESIS_PROFILE (scripts/test.sh sets `ci`); `FUZZ_EXAMPLES` overrides
every property's example count, for long runs of one file. Properties take their count from
`examples(ci=..., deep=...)` rather than from the profile alone because their costs differ by
two orders of magnitude (a hypothesmith program costs ~30 ms to draw; an escape attempt ~1 ms).

Trap: under pytest-xdist the tally lives in each worker process; conftest.py ships it to the
controller through `workeroutput`, so only the controller prints the totals.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict

from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
            HealthCheck.large_base_example]

settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=_SLOW_OK)
settings.register_profile(
    "dev", deadline=None, print_blob=True, suppress_health_check=_SLOW_OK)
settings.register_profile(
    "deep", deadline=None, print_blob=True, suppress_health_check=_SLOW_OK)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
if PROFILE not in ("ci", "dev", "deep"):
    raise RuntimeError(f"HYPOTHESIS_PROFILE must be ci, dev or deep, not {PROFILE!r}")
settings.load_profile(PROFILE)


def examples(*, ci: int, deep: int) -> settings:
    """Settings for one property: `ci` examples in ci/dev, `deep` in deep, FUZZ_EXAMPLES if set."""
    override = os.environ.get("FUZZ_EXAMPLES")
    count = int(override) if override else (deep if PROFILE == "deep" else ci)
    return settings(max_examples=count)


# -- tally: programs tried per property, and how each run ended ----------------------------------
TRIED: Counter[str] = Counter()
OUTCOMES: defaultdict[str, Counter[str]] = defaultdict(Counter)
SECONDS: Counter[str] = Counter()


def tally(prop: str, outcome: object = None) -> None:
    """Count one program tried by `prop` (the test function's name; conftest.py adds its wall time);
    `outcome` is a Result or an exception, of which the type name is kept."""
    TRIED[prop] += 1
    if outcome is not None:
        label = outcome if isinstance(outcome, str) else type(outcome).__name__
        OUTCOMES[prop][str(outcome) if label == "KnownFinding" else label] += 1


def export() -> dict:
    return {"tried": dict(TRIED), "seconds": dict(SECONDS),
            "outcomes": {k: dict(v) for k, v in OUTCOMES.items()}}


def merge(data: dict) -> None:
    TRIED.update(data.get("tried", {}))
    SECONDS.update(data.get("seconds", {}))
    for prop, counts in data.get("outcomes", {}).items():
        OUTCOMES[prop].update(counts)


def summary_lines() -> list[str]:
    lines = []
    for prop in sorted(TRIED):
        outcomes = ", ".join(f"{k} {v}" for k, v in OUTCOMES[prop].most_common())
        took = f" in {SECONDS[prop]:.1f} s" if prop in SECONDS else ""
        lines.append(f"{prop}: {TRIED[prop]:,} programs{took}" + (f" ({outcomes})" if outcomes else ""))
    return lines
