"""A fingerprint of host state that sandboxed code must never change.

`snapshot()` records identities (and a few values) of what an escape would tamper with: allowed
modules' namespaces, builtins, builtin types, process-wide hooks and the tools' hidden state;
`diff(before, after)` names what changed. Identities, not equality: replacing `json.dumps` with an
equal-looking function is still tampering.

Traps: only record state that nothing legitimate changes during one run (no caches' contents,
no exception flags); a new entry in a module namespace counts as a change too.
"""
from __future__ import annotations

import atexit
import builtins
import calendar
import codecs
import collections
import collections.abc
import copy
import copyreg
import csv
import dataclasses
import datetime
import decimal
import encodings.aliases
import enum
import fractions
import functools
import gc
import hashlib
import html
import html.entities
import io
import itertools
import json
import json.decoder
import json.encoder
import json.scanner
import keyword
import logging
import math
import mimetypes
import numbers
import operator
import os
import posixpath
import queue
import random
import re
import signal
import statistics
import string
import sys
import tempfile
import threading
import token
import types
import typing
import urllib.parse
import uuid
import xml.etree.ElementTree
import zoneinfo

from . import host_tools

WATCHED_MODULES = (
    builtins, calendar, codecs, collections, collections.abc, copy, copyreg, csv, dataclasses,
    datetime, decimal, enum, fractions, functools, html, html.entities, io, itertools, json,
    json.decoder, json.encoder, json.scanner, keyword, math, numbers, operator, os, posixpath,
    queue, random, re, statistics, string, types, typing, urllib.parse, uuid, zoneinfo, host_tools,
)
WATCHED_TYPES = (
    object, type, str, bytes, int, float, list, tuple, dict, set, frozenset, BaseException,
    Exception, types.FunctionType, types.ModuleType, json.JSONDecoder, json.JSONEncoder,
    decimal.Decimal, decimal.Context, random.Random, host_tools.SearchTool, host_tools.Client,
)
# Writable namespaces whose identity-map is enough (module dicts of stateful modules are
# compared by key set and identity of values, except these caches that legitimately change).
_VOLATILE = {
    ("re", "_cache"), ("typing", "_cleanups"), ("threading", "_counter"),
    ("urllib.parse", "_typeprog"),
}


def _ids(mapping) -> dict[str, int]:
    return {str(k): id(v) for k, v in mapping.items()}


def _module_ids(mod: types.ModuleType) -> dict[str, int]:
    name = mod.__name__
    return {k: v for k, v in _ids(vars(mod)).items() if (name, k) not in _VOLATILE}


def _members(mod: types.ModuleType) -> dict[str, object]:
    """Classes and functions a module defines: their own namespaces, names and docs. Catches
    decorators that rewrite host classes (dataclass, total_ordering) or mark host functions
    (typing.final, update_wrapper)."""
    found: dict[str, object] = {}
    for name, value in list(vars(mod).items()):
        if getattr(value, "__module__", None) != mod.__name__:
            continue
        if isinstance(value, type):
            found[name] = _ids(vars(value))
        elif isinstance(value, types.FunctionType):
            found[name] = (value.__name__, id(value.__doc__), id(value.__code__),
                           tuple(sorted(vars(value))))
    return found


def _abc_probes() -> tuple:
    """isinstance answers for builtins against host ABCs: ABC.register changes them host-wide."""
    abcs = (collections.abc.Mapping, collections.abc.Sequence, collections.abc.Set,
            collections.abc.Callable, numbers.Integral, numbers.Real)
    samples = (0, 0.5, "s", b"b", [], (), {}, set(), None, len)
    return tuple(isinstance(x, a) for a in abcs for x in samples)


def _decimal_context(ctx: decimal.Context) -> tuple:
    traps = tuple(sorted(t.__name__ for t, on in ctx.traps.items() if on))
    return (ctx.prec, ctx.rounding, ctx.Emin, ctx.Emax, ctx.capitals, ctx.clamp, traps)


def _tool_state() -> dict[str, object]:
    t = host_tools
    return {
        "search.code": id(t.search.__code__),
        "search.defaults": t.search.__defaults__,
        "search.kwdefaults": dict(t.search.__kwdefaults__ or {}),
        "search.dict": _ids(vars(t.search)),
        "search.globals": id(t.search.__globals__),
        "translate.kwdefaults": dict(t.translate.__kwdefaults__ or {}),
        "translate.code": id(t.translate.__code__),
        "fetch.cell": t.fetch.__closure__[0].cell_contents,
        "fetch.code": id(t.fetch.__code__),
        "client.dict": dict(vars(t.client)),
        "client.table": dict(t.client.table),
        "web_search.dict": {k: (v if isinstance(v, str) else id(v)) for k, v in
                            vars(t.web_search).items()},
        "web_search.calls": list(t.web_search.calls),
        "web_search.type": id(type(t.web_search)),
        "client.type": id(type(t.client)),
        "summarize": (id(t.summarize.func), t.summarize.args, dict(t.summarize.keywords)),
        "weather.dict": _ids(vars(t.weather)),
        "stream.code": id(t.stream.__code__),
    }


def _probe(fn, *args):
    """Call a host function; a tampered one may raise, which is a change worth recording."""
    try:
        return fn(*args)
    except Exception as exc:   # noqa: BLE001
        return f"raised {type(exc).__name__}: {exc}"


def snapshot() -> dict[str, object]:
    """Everything an escape could tamper with, as comparable plain values."""
    snap: dict[str, object] = {}
    for mod in WATCHED_MODULES:
        snap[f"module {mod.__name__}"] = _module_ids(mod)
        snap[f"members of {mod.__name__}"] = _members(mod)
        snap[f"sys.modules[{mod.__name__!r}]"] = id(sys.modules.get(mod.__name__))
    for tp in WATCHED_TYPES:
        snap[f"type {tp.__module__}.{tp.__qualname__}"] = _ids(vars(tp))
    snap.update({
        "math.pi": math.pi,
        "json.dumps()": _probe(json.dumps, {"a": [1, 2.5, None]}),
        "json.loads()": _probe(json.loads, '{"a": [1, 2.5, null]}'),
        "html.unescape()": _probe(html.unescape, "&amp;&lt;&gt;&quot;"),
        "copyreg.dispatch_table": _ids(copyreg.dispatch_table),
        "decimal.getcontext()": _decimal_context(decimal.getcontext()),
        "decimal.DefaultContext": _decimal_context(decimal.DefaultContext),
        "decimal.BasicContext": _decimal_context(decimal.BasicContext),
        "decimal.ExtendedContext": _decimal_context(decimal.ExtendedContext),
        "uuid namespaces": tuple((u.int, id(type(u))) for u in (
            uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID, uuid.NAMESPACE_X500)),
        "calendar": (calendar.firstweekday(), calendar.c.firstweekday, list(calendar.mdays),
                     _probe(calendar.monthrange, 2023, 2), calendar.month_name[1],
                     calendar.month_abbr[1], calendar.day_name[0], calendar.day_abbr[0]),
        "hashlib algorithm sets": (sorted(hashlib.algorithms_available),
                                   sorted(hashlib.algorithms_guaranteed)),
        "token.tok_name": dict(token.tok_name),
        "encodings.aliases": dict(encodings.aliases.aliases),
        "mimetypes": (_probe(mimetypes.guess_type, "a.safeexecpwn"),
                      _probe(mimetypes.guess_extension, "application/x-safeexec-pwn")),
        "ElementTree namespaces": dict(xml.etree.ElementTree._namespace_map),
        "codec error handlers": _probe(codecs.lookup_error, "safeexecpwn"),
        "keyword lists": (list(keyword.kwlist), list(keyword.softkwlist)),
        "csv": (csv.field_size_limit(), tuple(csv.list_dialects())),
        "urllib.parse scheme lists": tuple(tuple(getattr(urllib.parse, n)) for n in (
            "uses_relative", "uses_netloc", "uses_params", "non_hierarchical", "uses_query",
            "uses_fragment", "scheme_chars")),
        "zoneinfo.TZPATH": zoneinfo.TZPATH,
        "logging": (logging.root.manager.disable, logging.root.level,
                    [id(h) for h in logging.root.handlers]),
        "gc": (gc.isenabled(), gc.get_threshold()),
        "atexit callbacks": atexit._ncallbacks(),
        "signal handlers": tuple(id(signal.getsignal(n)) for n in (
            signal.SIGINT, signal.SIGTERM, signal.SIGUSR1, signal.SIGUSR2, signal.SIGHUP)),
        "tempfile.tempdir": tempfile.tempdir,
        "codec registry": _probe(codecs.lookup, "safeexecpwned"),
        "ABC registrations": _abc_probes(),
        "random state": hash(random.getstate()),
        "os.environ": dict(os.environ),
        "os.getcwd()": os.getcwd(),
        "sys.path": list(sys.path),
        "sys.meta_path": [id(f) for f in sys.meta_path],
        "sys.path_hooks": [id(f) for f in sys.path_hooks],
        "sys.std streams": (id(sys.stdin), id(sys.stdout), id(sys.stderr)),
        "sys hooks": (id(sys.excepthook), id(sys.displayhook), id(sys.breakpointhook),
                      id(sys.unraisablehook), id(sys.gettrace()), id(sys.getprofile())),
        "sys limits": (sys.getrecursionlimit(), sys.get_int_max_str_digits(),
                       sys.getswitchinterval()),
        "threading hooks": (id(threading.excepthook), id(threading.gettrace()),
                            id(threading.getprofile())),
        "typing.EXCLUDED_ATTRIBUTES": tuple(sorted(typing.EXCLUDED_ATTRIBUTES)),
    })
    snap.update({f"tool {k}": v for k, v in _tool_state().items()})
    return snap


def after_fork(before: dict[str, object]) -> dict[str, object]:
    """`before`, taken in a parent, as seen from a forked child: `random` reseeds itself in
    every child (os.register_at_fork), so its state is re-read here."""
    return {**before, "random state": hash(random.getstate())}


def diff(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """Human-readable list of what changed between two snapshots (empty when untouched)."""
    changes = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            added = sorted(new.keys() - old.keys())
            removed = sorted(old.keys() - new.keys())
            changed = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
            changes.append(f"{key}: added {added[:8]} removed {removed[:8]} changed {changed[:8]}")
        else:
            changes.append(f"{key}: {str(old)[:120]!s} -> {str(new)[:120]!s}")
    return sorted(changes)


snapshot()   # once at import: lazy initialisations triggered by the probes happen here, not in a test
