"""Fuzz-suite plumbing: loads the hypothesis profile and prints how many programs each property tried.

Under pytest-xdist each worker counts its own programs and hands the counts to the controller in
`workeroutput`; the controller merges them and prints one table in the terminal summary.
"""
from __future__ import annotations

import json
import time

import pytest

from fuzz import profiles


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    start = time.perf_counter()
    yield
    if item.originalname in profiles.TRIED:
        profiles.SECONDS[item.originalname] += time.perf_counter() - start


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["fuzz_tally"] = json.dumps(profiles.export())


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    data = getattr(node, "workeroutput", {}).get("fuzz_tally")
    if data:
        profiles.merge(json.loads(data))


def pytest_terminal_summary(terminalreporter):
    if getattr(terminalreporter.config, "workeroutput", None) is not None:
        return
    lines = profiles.summary_lines()
    if lines:
        terminalreporter.section(f"fuzz: programs tried (profile {profiles.PROFILE})")
        for line in lines:
            terminalreporter.write_line(line)
