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
    """(type name, message) as CPython prints them. Runs the exception's __str__ (sandbox code:
    the caller guards it); class attributes are read raw so no descriptor runs here."""
    t = type(exc)
    name = type.__getattribute__(t, "__name__")
    module = type.__getattribute__(t, "__dict__").get("__module__")
    if type(module) is str and module not in ("builtins", "__main__"):
        name = f"{module}.{type.__getattribute__(t, '__qualname__')}"
    message = str(exc)
    if type(message) is not str:
        message = str.__str__(message)
    return name, message


def format_traceback(exc: BaseException, lines: list[str], text: tuple[str, str]) -> str:
    out = ["Traceback (most recent call last):"]
    for name, line in frames_of(exc):
        out.append(f'  File "{FILENAME}", line {line}, in {name}')
        if line is not None and 0 < line <= len(lines):
            src = lines[line - 1].strip()
            if src:
                out.append(f"    {src}")
    tname, message = text
    out.append(f"{tname}: {message}" if message else tname)
    return "\n".join(out)
