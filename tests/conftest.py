"""Shared pytest setup: keep it small and generic.

`tests/` is put on sys.path so that helpers such as `behaviour_runner` import the same way from
`tests/` and from `fuzz/` (pytest's default import mode only adds the directory of the test file).
"""
import sys
from pathlib import Path

TESTS_DIR = str(Path(__file__).parent)
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)
