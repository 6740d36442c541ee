"""Resource limits: the public `Limits` record. Must not import the interpreter (nor dataclasses:
`import safeexec` stays a few milliseconds)."""
from __future__ import annotations

_FIELDS = ("max_ops", "timeout", "max_memory", "max_output", "max_depth")


class Limits:
    """Bounds for one run. Every field is enforced by both backends. Immutable.

    max_ops:    operations counted (calls, loop iterations, elements consumed by builtins);
                deterministic: the same code always counts the same.
    timeout:    wall-clock seconds.
    max_memory: bytes the sandboxed code may allocate (accounted, see SECURITY.md).
    max_output: bytes of printed output.
    max_depth:  nested calls of sandboxed functions.
    """

    __slots__ = _FIELDS
    max_ops: int
    timeout: float
    max_memory: int
    max_output: int
    max_depth: int

    def __init__(self, max_ops: int = 10_000_000, timeout: float = 5.0,
                 max_memory: int = 256 * 2**20, max_output: int = 1_000_000,
                 max_depth: int = 200) -> None:
        for name in ("max_ops", "max_memory", "max_output", "max_depth"):
            value = locals()[name]
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Limits.{name} must be a positive int, got {value!r}")
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
            raise ValueError(f"Limits.timeout must be a positive number, got {timeout!r}")
        if max_depth > 5000:
            raise ValueError("Limits.max_depth must be at most 5000 (the host's C stack bounds it)")
        for name, value in zip(_FIELDS, (max_ops, timeout, max_memory, max_output, max_depth)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field '{name}': Limits is immutable "
                             f"(use Limits.replace)")

    __delattr__ = __setattr__

    def replace(self, **changes: object) -> "Limits":
        """A copy with some fields changed."""
        values = {name: getattr(self, name) for name in _FIELDS}
        values.update(changes)
        return Limits(**values)  # type: ignore[arg-type]

    def _astuple(self) -> tuple:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Limits):
            return NotImplemented
        return self._astuple() == other._astuple()

    def __hash__(self) -> int:
        return hash(self._astuple())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS)
        return f"Limits({inner})"
