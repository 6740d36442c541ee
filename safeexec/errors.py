"""Errors that leave the sandbox, and the internal signals that must never be caught inside it.

Everything sandboxed code can cause reaches the host as a subclass of `SafeexecError`, each carrying
`.output` (what was printed before the failure). Must not import anything from the rest of safeexec.
"""
from __future__ import annotations


class SafeexecError(Exception):
    """Base of every error safeexec raises to the host."""

    def __init__(self, message: str, *, output: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.output = output


class ParseError(SafeexecError):
    """The code is not valid Python. Carries the position and the caret line."""

    def __init__(self, message: str, *, lineno: int | None = None, col: int | None = None,
                 text: str = "", output: str = "") -> None:
        self.lineno = lineno
        self.col = col
        self.text = text
        where = f"line {lineno}" + (f", column {col}" if col is not None else "")
        caret = ""
        if text:
            caret = f"\n    {text.rstrip()}"
            if col is not None:
                caret += "\n    " + " " * max(col - 1, 0) + "^"
        super().__init__(f"SyntaxError: {message} ({where}){caret}", output=output)
        self.reason = message


class Violation:
    """One thing the policy forbids, with its position."""

    __slots__ = ("message", "lineno", "col")

    def __init__(self, message: str, lineno: int | None, col: int | None) -> None:
        self.message = message
        self.lineno = lineno
        self.col = col

    def __str__(self) -> str:
        if self.lineno is None:
            return self.message
        return f"line {self.lineno}, column {(self.col or 0) + 1}: {self.message}"

    def __repr__(self) -> str:
        return f"Violation({str(self)!r})"


class PolicyViolation(SafeexecError):
    """The code reached for something the policy forbids; the message says what is allowed."""

    def __init__(self, violations: list[Violation] | str, *, output: str = "",
                 lineno: int | None = None, col: int | None = None) -> None:
        if isinstance(violations, str):
            violations = [Violation(violations, lineno, col)]
        self.violations = list(violations)
        first = self.violations[0]
        self.lineno = first.lineno
        self.col = first.col
        text = "\n".join(str(v) for v in self.violations)
        super().__init__(text, output=output)


LIMIT_NAMES = ("ops", "time", "memory", "output", "depth")


class LimitExceeded(SafeexecError):
    """A resource limit was hit. `.limit` is one of LIMIT_NAMES. Sandboxed code can never catch it."""

    def __init__(self, limit: str, message: str, *, output: str = "",
                 lineno: int | None = None) -> None:
        assert limit in LIMIT_NAMES, limit
        self.limit = limit
        self.lineno = lineno
        where = f" (line {lineno})" if lineno else ""
        super().__init__(f"{message}{where}", output=output)


class CodeError(SafeexecError):
    """The code raised an exception it did not catch."""

    def __init__(self, exc_type: str, message: str, *, lineno: int | None = None,
                 traceback: str = "", output: str = "") -> None:
        self.exc_type = exc_type
        self.lineno = lineno
        self.traceback = traceback
        head = f"{exc_type}: {message}" if message else exc_type
        super().__init__(traceback or head, output=output)
        self.message = message


class Stop(BaseException):
    """Raised by a host tool to end the run with `value` (an agent's final answer).

    A BaseException so that host code between the tool and the interpreter does not swallow it;
    the interpreter never lets sandboxed `except` clauses see it.
    """

    def __init__(self, value: object = None) -> None:
        super().__init__(value)
        self.value = value
