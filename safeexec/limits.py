"""Resource limits: the public `Limits` record. Must not import the interpreter."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds for one run. Every field is enforced by both backends.

    max_ops:    operations counted (calls, loop iterations, elements consumed by builtins);
                deterministic: the same code always counts the same.
    timeout:    wall-clock seconds.
    max_memory: bytes the sandboxed code may allocate (accounted, see SECURITY.md).
    max_output: bytes of printed output.
    max_depth:  nested calls of sandboxed functions.
    """

    max_ops: int = 10_000_000
    timeout: float = 5.0
    max_memory: int = 256 * 2**20
    max_output: int = 1_000_000
    max_depth: int = 200

    def __post_init__(self) -> None:
        for name in ("max_ops", "max_memory", "max_output", "max_depth"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Limits.{name} must be a positive int, got {value!r}")
        if not isinstance(self.timeout, (int, float)) or self.timeout <= 0:
            raise ValueError(f"Limits.timeout must be a positive number, got {self.timeout!r}")
        if self.max_depth > 5000:
            raise ValueError("Limits.max_depth must be at most 5000 (the host's C stack bounds it)")
