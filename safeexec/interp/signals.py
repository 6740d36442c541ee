"""Internal signals that sandboxed `except` clauses never see. Imports only ..errors and .meter."""
from __future__ import annotations

from ..errors import Stop
from .meter import LimitHit


class Refused(BaseException):
    """A runtime policy refusal (computed getattr of a private name, a forbidden import...).

    A BaseException, and excluded from every sandboxed `except`, so the run ends with
    PolicyViolation instead of code probing the guard in a loop."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# What a sandboxed `except` clause must never catch.
UNCATCHABLE = (LimitHit, Refused, Stop)
