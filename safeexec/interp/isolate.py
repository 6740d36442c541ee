"""Interpreter functions handed to sandboxed code, rebuilt so that `__globals__` leads nowhere.

A builtin wrapper (`print`, `sorted`) or a module wrap (`json.dumps`, a mirror class's methods)
is a function of an interpreter module; a host tool that pickles or inspects what it is given
would find that module's whole namespace behind `__globals__`, as sandbox functions do not (they
are rebuilt over an empty one, runtime.make_function). Each is rebuilt over a namespace holding
just the names its code reads (the modules it uses among them: wraps read their attributes by
computed name), the builtins it calls copied in by name, and a `__builtins__` holding only what class statements and
function-level imports need (`__build_class__`, `__import__`). The closure is kept as is.
Rebuilding the factory that makes them is enough: a function defined inside another (a closure,
a method of a class statement) takes the globals of the function that defines it.

What this is not: a wall against host code that walks objects on purpose (`__import__` is one
step away, a closure's cells lead to the interpreter's objects); sandboxed code reads neither
`__globals__` nor `__builtins__` (guards.py), which is the boundary.

Trap: the namespace is a snapshot, shared per code object; a module global rebound after it was
taken would not be seen (no interpreter module rebinds what these functions read).
"""
from __future__ import annotations

import builtins
import types
from pathlib import Path

_PACKAGE = str(Path(__file__).resolve().parents[1])
_NAMESPACES: dict = {}
# What a class statement and a function-level import look up in __builtins__ themselves.
_STATEMENT_BUILTINS = {"__build_class__": builtins.__build_class__,
                       "__import__": builtins.__import__}


def _names_of(code) -> set:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names_of(const)
    return names


def _namespace_of(fn) -> dict:
    ns = _NAMESPACES.get(fn.__code__)
    if ns is None:
        names = _names_of(fn.__code__)
        ns = {"__builtins__": _STATEMENT_BUILTINS}
        for name in names:
            if name in fn.__globals__:
                ns[name] = fn.__globals__[name]
            elif hasattr(builtins, name):
                ns[name] = getattr(builtins, name)
        _NAMESPACES[fn.__code__] = ns
    return ns


def _ours(fn) -> bool:
    return type(fn) is types.FunctionType and fn.__code__.co_filename.startswith(_PACKAGE) \
        and "__builtins__" in fn.__globals__ and fn.__globals__.get("__name__", "").startswith(
            "safeexec.")


def rebuilt(fn, namespace: dict, name: str | None = None):
    """A copy of function `fn` (code, defaults, closure) over the globals `namespace`."""
    new = types.FunctionType(fn.__code__, namespace, name or fn.__name__, fn.__defaults__,
                             fn.__closure__)
    new.__kwdefaults__ = fn.__kwdefaults__
    return new


def isolated(fn):
    """`fn` rebuilt over its own small namespace when it is an interpreter module's function."""
    if not _ours(fn):
        return fn
    new = rebuilt(fn, _namespace_of(fn))
    new.__qualname__, new.__module__, new.__doc__ = fn.__qualname__, fn.__module__, fn.__doc__
    new.__dict__.update(fn.__dict__)
    return new
