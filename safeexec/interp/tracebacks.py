"""CPython-style tracebacks of the sandboxed frames only, built from the line notes that
runtime.note_line / push_frame leave on an exception. No host frame, path or object appears."""
from __future__ import annotations

FILENAME = "<code>"


def frames_of(exc: BaseException) -> list[tuple[str, int | None]]:
    """Outermost first: [(function name, line), ...]."""
    d = getattr(exc, "__dict__", {})
    inner = list(d.get("_sx_tb", []))
    frames = list(reversed(inner))
    frames.insert(0, ("<module>", d.get("_sx_line")))
    return frames


def innermost_line(exc: BaseException) -> int | None:
    d = getattr(exc, "__dict__", {})
    tb = d.get("_sx_tb")
    if tb:
        return tb[0][1]
    return d.get("_sx_line")


def exception_text(exc: BaseException) -> tuple[str, str]:
    """(type name, message) as CPython prints them."""
    name = type(exc).__name__
    if type(exc).__module__ not in ("builtins", "__main__"):
        name = f"{type(exc).__module__}.{type(exc).__qualname__}"
    try:
        message = str(exc)
    except Exception:  # a sandbox __str__ that fails
        message = "<exception str() failed>"
    return name, message


def format_traceback(exc: BaseException, lines: list[str]) -> str:
    out = ["Traceback (most recent call last):"]
    for name, line in frames_of(exc):
        out.append(f'  File "{FILENAME}", line {line}, in {name}')
        if line is not None and 0 < line <= len(lines):
            src = lines[line - 1].strip()
            if src:
                out.append(f"    {src}")
    tname, message = exception_text(exc)
    out.append(f"{tname}: {message}" if message else tname)
    return "\n".join(out)
