"""Reading sandboxed source without printing on the host's stderr.

CPython's parser and compiler report `x is 1`, `"\\d"` and `{}()` through the process-wide
`warnings` machinery, which a host prints on its stderr: both backends read sandboxed source
inside `silenced()`. `catch_warnings` swaps the process-wide filter list, so two threads must not
interleave it (one could restore the other's "ignore" for good): a lock serialises them.
"""
from __future__ import annotations

import contextlib
import threading
import warnings

_LOCK = threading.Lock()


@contextlib.contextmanager
def silenced():
    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
