"""safeexec: run untrusted, LLM-written Python with real isolation and real limits.

    import safeexec
    r = safeexec.run("sum(range(10))", allowed_imports=["math"])
    r.value  # 45
"""
from .errors import (CodeError, LimitExceeded, ParseError, PolicyViolation, SafeexecError, Stop,
                     Violation)
from .limits import Limits
from .result import Result
from .session import BackendUnavailable, Session, run

__all__ = [
    "run", "Session", "Limits", "Result", "Stop",
    "SafeexecError", "ParseError", "PolicyViolation", "LimitExceeded", "CodeError",
    "BackendUnavailable", "Violation",
]
__version__ = "0.1.0"
