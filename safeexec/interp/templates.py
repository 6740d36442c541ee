"""Functions generated from the interpreter's own source templates (operand shapes, fused
expressions, comprehension loops, function wrappers): compiled once per structure and kept in a
bounded cache. A template holds no text of the sandboxed program: its names, slots and constants
are parameters of the function the template defines.
"""
from __future__ import annotations


def compile_template(source: str, filename: str, namespace: dict, entry: str = "make"):
    """Compile `source` (our own template) over a copy of `namespace`; return its `entry`."""
    ns = dict(namespace)
    exec(compile(source, filename, "exec"), ns)  # noqa: S102 - our template, no user text
    return ns[entry]


class BoundedCache(dict):
    """A dict that empties itself when it would grow past `limit` (keys that vary without end,
    such as parameter names or slot numbers, must not grow a long-lived process)."""

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def __setitem__(self, key, value) -> None:
        if len(self) >= self.limit and key not in self:
            self.clear()
        super().__setitem__(key, value)
