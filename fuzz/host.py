"""The host side of every escape property: secrets, tools and a canary file for hostile code to aim at.

Each secret is planted where a real host keeps one (module globals, a closure, defaults, a bound
object, a partial's keywords, the environment, a file, a host frame's locals) and every secret
starts with `SECRET_PREFIX`, a random token made at import: seeing the prefix anywhere in what a run
hands back proves a leak, and the prefix never appears in generated programs.

Traps: the tools must stay plain host callables (their `__globals__` is this module, which is the
point); never import safeexec here, so the planted objects carry no sandbox protection of their own.
"""
from __future__ import annotations

import functools
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

SECRET_PREFIX = "sx" + secrets.token_hex(12)
SECRET = SECRET_PREFIX + "-globals"
ENV_NAME = "SAFEEXEC_FUZZ_SECRET"
os.environ[ENV_NAME] = SECRET_PREFIX + "-environ"

WORKDIR = Path(tempfile.mkdtemp(prefix="safeexec-fuzz-"))
CANARY = WORKDIR / "canary.txt"
CANARY_TEXT = SECRET_PREFIX + "-canary-file"
CREATED = WORKDIR / "created-by-sandbox"     # must never exist: payloads try to create it
CANARY.write_text(CANARY_TEXT)


def _closure_tool():
    hidden = SECRET_PREFIX + "-closure"

    def lookup(key="k", *, default=SECRET_PREFIX + "-kwdefault", _fallback=SECRET_PREFIX + "-default"):
        """Return a harmless string; its closure, defaults and globals hold secrets."""
        return f"value of {key!s:.40}" if hidden else default + _fallback
    return lookup


lookup = _closure_tool()


class Api:
    """A host service whose bound method is granted as a tool; `api_key` must stay host-side."""

    def __init__(self) -> None:
        self.api_key = SECRET_PREFIX + "-bound-self"

    def fetch(self, url="about:blank"):
        return f"<html>{str(url)[:40]}</html>"

    def __call__(self, *args):
        return len(args)


api = Api()
fetch = api.fetch


def _send(message, token=SECRET_PREFIX + "-partial"):
    return f"sent {str(message)[:40]}"


tool_partial = functools.partial(_send, token=SECRET_PREFIX + "-partial")


def fail(message="tool failed"):
    """Raise from a host frame whose locals hold a secret (reachable only through tb_frame)."""
    token = SECRET_PREFIX + "-raising-frame"
    raise ValueError(str(message)[:40] + ("" if token else "!"))


def apply(func, *args):
    """Call sandboxed code from a host frame with a secret local (reachable only through f_back)."""
    token = SECRET_PREFIX + "-calling-frame"
    return func(*args) if token else None


def make_callback():
    """Return a host function: its `__globals__` is this module."""
    return lambda *a: len(a)


def stream(n=2):
    """Return a host generator: its frame's locals hold a secret."""
    token = SECRET_PREFIX + "-generator-frame"
    for i in range(min(int(n), 3)):
        yield f"{i}" if token else None


@dataclass
class Record:
    """A host object handed in as a variable: public data, methods whose globals are this module."""
    name: str = "alpha"
    size: int = 3

    def describe(self) -> str:
        return f"{self.name}:{self.size}"


TOOLS = {"lookup": lookup, "fetch": fetch, "api": api, "tool_partial": tool_partial, "fail": fail,
         "apply": apply, "make_callback": make_callback, "stream": stream}


def variables() -> dict:
    """Fresh initial names for one run (fresh so that one run's mutations never reach the next)."""
    return {"data": {"rows": [1, 2, 3], "title": "report"}, "record": Record(),
            "CANARY": str(CANARY), "CREATED": str(CREATED)}


ALLOWED_IMPORTS = [
    "math", "json", "re", "functools", "operator", "string", "collections", "itertools", "datetime",
    "statistics", "typing", "dataclasses", "enum", "fractions", "decimal", "random", "copy",
    "textwrap", "base64", "heapq", "bisect", "time", "calendar", "uuid", "urllib.parse", "os.path",
    "hashlib", "pprint", "csv", "html", "io", "zoneinfo", "queue",
]
"""Generous on purpose: each of these ships a known gadget (ATTACK-SURFACE.md section 2)."""
