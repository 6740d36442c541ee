"""Turning the module loader's PolicyViolation into a Refused signal (uncatchable in the sandbox)."""
from __future__ import annotations

from contextlib import contextmanager

from ..errors import PolicyViolation
from .signals import Refused


@contextmanager
def to_refused():
    try:
        yield
    except PolicyViolation as exc:
        raise Refused(exc.message) from None
