"""Showing values that came out of the sandbox, without running sandboxed code in the host.

A run's value or a final answer may be an object of a class the sandboxed code defined. Calling
`repr()`, `str()` or `json.dumps()` on it in the host would run its `__repr__`/`__str__` here,
outside every limit (a `while True` in `__repr__` would hang the agent). So these helpers look only
at values of exact built-in types and name anything else by its type. Other traps handled: huge
ints (CPython refuses to print more than 4300 digits), cycles, and enormous containers (a budget).
"""
from __future__ import annotations

from itertools import islice
from typing import Any

_SCALARS = (type(None), bool, int, float, complex, str, bytes)
_SEQUENCES = {list: ("[", "]"), tuple: ("(", ")"), set: ("{", "}"),
              frozenset: ("frozenset({", "})")}


def type_name(value: Any) -> str:
    """The name of `value`'s class, read without going through a (possibly sandboxed) metaclass."""
    return type.__dict__["__name__"].__get__(type(value))


def safe_repr(value: Any, limit: int = 2000) -> str:
    """`repr(value)` for built-in data, `<Name object>` for anything else; about `limit` chars."""
    parts: list[str] = []
    budget = [limit]

    def emit(text: str) -> bool:
        parts.append(text[: max(budget[0], 0)])
        budget[0] -= len(text)
        return budget[0] > 0

    def walk(v: Any, seen: frozenset[int]) -> bool:
        kind = type(v)
        if kind in _SCALARS:
            try:
                return emit(repr(v))
            except ValueError:  # int too large to print
                return emit(f"<int with {v.bit_length()} bits>")
        if id(v) in seen:
            return emit("[...]" if kind is list else "{...}" if kind is dict else "(...)")
        seen = seen | {id(v)}
        if kind is dict:
            if not emit("{"):
                return False
            for i, (key, item) in enumerate(v.items()):
                if i and not emit(", "):
                    return False
                if not (walk(key, seen) and emit(": ") and walk(item, seen)):
                    return False
            return emit("}")
        if kind in _SEQUENCES:
            if kind in (set, frozenset) and not v:
                return emit(f"{kind.__name__}()")
            opening, closing = _SEQUENCES[kind]
            if not emit(opening):
                return False
            for i, item in enumerate(v):
                if (i and not emit(", ")) or not walk(item, seen):
                    return False
            return emit("," + closing if kind is tuple and len(v) == 1 else closing)
        return emit(f"<{type_name(v)} object>")

    if not walk(value, frozenset()):
        return "".join(parts) + "..."
    return "".join(parts)


def safe_str(value: Any, limit: int = 2000) -> str:
    """Like `str(value)` for a str (truncated), `safe_repr` for anything else."""
    if type(value) is str:
        return value if len(value) <= limit else value[:limit] + "..."
    return safe_repr(value, limit)


def to_jsonable(value: Any, max_items: int = 10_000) -> Any:
    """A JSON-ready copy of built-in data; anything else (a cycle, an object) as its `safe_repr`.

    At most `max_items` values are copied; longer containers end with a "..." item.
    """
    budget = [max_items]

    def copy(v: Any, seen: frozenset[int]) -> Any:
        budget[0] -= 1
        kind = type(v)
        if kind in (type(None), bool, str, float):
            return v
        if kind is int:
            return v if v.bit_length() < 1000 else safe_repr(v)
        if id(v) in seen:
            return safe_repr(v, 200)
        inner = seen | {id(v)}
        if kind in (list, tuple):
            items = [copy(item, inner) for item in islice(v, max(budget[0], 0))]
            return items + ["..."] if len(items) < len(v) else items
        if kind is dict and all(type(k) is str for k in v):
            pairs = {k: copy(item, inner) for k, item in islice(v.items(), max(budget[0], 0))}
            return {**pairs, "...": "..."} if len(pairs) < len(v) else pairs
        return safe_repr(v)

    return copy(value, frozenset())
