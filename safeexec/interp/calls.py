"""Calls into host callables and the pre-checks around them: size pre-checks (sizes.py), metering
of iterables consumed in C by builtin methods, and the special forms (3-argument type()).

Invariant: a host callable that consumes an iterator in C never sees a raw unbounded iterator; it
gets `meter.metered(it)` or its length is charged first.
"""
from __future__ import annotations

import types

from . import sizes
from .guards import SANDBOX_MARK, SANDBOX_TOKEN, register_sandbox_class
from .policy import FORBIDDEN_DEFINITIONS
from .signals import Refused

BUILTIN_CALLABLE_TYPES = (types.BuiltinFunctionType, types.BuiltinMethodType,
                          types.MethodWrapperType, types.WrapperDescriptorType,
                          types.MethodDescriptorType, types.ClassMethodDescriptorType)
# Containers whose length is known: consuming them costs len() ops, charged up front.
SIZED = frozenset({list, tuple, str, bytes, bytearray, dict, set, frozenset, range,
                   type({}.keys()), type({}.values()), type({}.items())})
SCALARS = frozenset({int, float, bool, complex, type(None)})
# Builtin methods that iterate their arguments in C.
CONSUMER_METHODS = frozenset({
    "__init__", "__iadd__", "__ior__", "__iand__", "__ixor__", "__isub__", "extend", "update",
    "union", "intersection", "difference", "symmetric_difference", "intersection_update",
    "difference_update", "symmetric_difference_update", "issubset", "issuperset", "isdisjoint",
    "join", "fromkeys", "extendleft",
})
# Positions of the iterable arguments of the lazy builtins (the others are callables or numbers).
LAZY_POSITIONS = {enumerate: (0,), zip: None, map: "rest", filter: (1,)}


CONSUMER_TYPES = frozenset({list, tuple, set, frozenset, bytes, bytearray})
LAZY_TYPES = frozenset({enumerate, zip, map, filter})


_SLOT_TYPES = (types.MethodWrapperType, types.WrapperDescriptorType)


MAX_TUPLE_NESTING = 10_000   # hash() of a tuple nested ~133,000 deep crashes CPython (no guard)
MAX_ITERATOR_NESTING = 1_000  # map(zip(map(...))): each level is a Python frame on next()


def track_tuple(meter, t: tuple) -> tuple:
    """Record the nesting depth of a tuple sandboxed code just built; trip "depth" past
    MAX_TUPLE_NESTING. Tuples not remembered (old, or built by C code) count as depth 1."""
    depth = 0
    for e in t:
        if type(e) is tuple:
            d = meter.depth_of(e) or 1
            if d > depth:
                depth = d
    if depth:
        meter.record_depth(t, depth + 1, MAX_TUPLE_NESTING, "tuples")
    return t


def track_iterator(meter, result, args):
    """Record how deeply lazy iterators (map, zip, itertools...) are stacked; trip past
    MAX_ITERATOR_NESTING."""
    depth = 0
    for a in args:
        d = meter.depth_of(a)
        if d > depth:
            depth = d
    meter.record_depth(result, depth + 1, MAX_ITERATOR_NESTING, "iterators")
    return result


def meter_iterable(meter, x):
    """`x` ready to be consumed in C: sized containers are charged len(x) now, anything else is
    wrapped so each element costs one op."""
    t = type(x)
    if t in SIZED:
        meter.tick(len(x) + 1)
        return x
    if t in SCALARS:
        return x
    if t is GENERATOR and x.gi_code in SELF_METERED:
        return x  # a generator expression ticks once per item itself
    return meter.metered(x)


GENERATOR = type((lambda: (yield))())
SELF_METERED: set = set()   # code objects of generators that tick per item (functions.py)


def host_call(meter, fn, args, kwargs):
    """Call a builtin (C) callable on behalf of sandboxed code, after the pre-checks."""
    if type(fn) is _BUILTIN_METHOD and fn.__name__ not in _SPECIAL_NAMES:
        # 'x'.upper(), d.get(k), len(x)...: only the size pre-check (a dict lookup when small)
        sizes.check_call(fn, args, kwargs, meter)
        return fn(*args, **kwargs)
    if fn is type and len(args) == 3:
        return make_type(*args, **kwargs)
    if args:
        if (fn is tuple or fn in CONSUMER_TYPES or fn is dict) and type(args[0]) in SIZED:
            # list(range(10**7)) / tuple(...): the whole container is allocated in C at once
            n = len(args[0])
            if n > 4096:
                # measured: a list/tuple slot is 8 bytes (+32 for each new int a range makes);
                # a set or dict built in C peaks at ~95 bytes an item (table resizes included)
                per_item = (8 + 32 * (type(args[0]) is range)) if fn is tuple or fn is list \
                    else 96
                meter.alloc(per_item * n)
        if fn is tuple:
            return track_tuple(meter, tuple(meter_iterable(meter, args[0])))
        if fn in CONSUMER_TYPES:
            args = (meter_iterable(meter, args[0]),) + tuple(args[1:])
        elif fn is dict and not hasattr(type(args[0]), "keys"):
            args = (meter.metered(args[0]),)
        elif fn in LAZY_TYPES:
            where = LAZY_POSITIONS[fn]
            wrapped = tuple(
                meter.metered(iter(a)) if type(a) not in SIZED and (
                    where is None or (where == "rest" and i > 0) or
                    (type(where) is tuple and i in where)) else a
                for i, a in enumerate(args))
            return track_iterator(meter, fn(*wrapped, **kwargs), args)
    name = getattr(fn, "__name__", "")
    if name == "join" and args and type(fn) in BUILTIN_CALLABLE_TYPES:
        # materialise under the meter first, so the size check sees the real items
        # (str.join(sep, items): the unbound descriptor takes the separator first)
        i = 1 if type(fn) is types.MethodDescriptorType else 0
        if len(args) > i:
            args = tuple(args[:i]) + (list(meter_iterable(meter, args[i])),) + tuple(args[i + 1:])
    sizes.check_call(fn, args, kwargs, meter)
    if name == "__init__" and type(fn) in _SLOT_TYPES:
        # list.__init__(x, it) / super().__init__(n) of a builtin base: the same checks as
        # calling the class itself
        owner = fn.__objclass__
        init_args = tuple(args[1:]) if type(fn) is types.WrapperDescriptorType else tuple(args)
        sizes.check_call(owner, init_args, kwargs, meter)
        if owner is tuple or owner is dict:
            pass
        elif owner in CONSUMER_TYPES and init_args:
            init_args = (meter_iterable(meter, init_args[0]),) + init_args[1:]
        if type(fn) is types.WrapperDescriptorType:
            return fn(args[0], *init_args, **kwargs)
        return fn(*init_args, **kwargs)
    if name in CONSUMER_METHODS:
        for a in args:
            if type(a) in SIZED and len(a) > 4096:
                meter.alloc(96 * len(a))  # dict.fromkeys(range(10**7)), s.update(...): built in C
        args = tuple(meter_iterable(meter, a) for a in args)
    return fn(*args, **kwargs)


_BUILTIN_METHOD = types.BuiltinFunctionType
_SPECIAL_NAMES = CONSUMER_METHODS | {"__init__", "join"}


def make_type(name, bases, ns, **kwargs):
    """type(name, bases, dict) made by sandboxed code: the same rules as a class statement."""
    if isinstance(ns, dict):
        for key in ns:
            if key in FORBIDDEN_DEFINITIONS:
                raise Refused(f"a class may not define '{key}': {FORBIDDEN_DEFINITIONS[key]}")
        ns = dict(ns)
        ns.setdefault("__module__", "__main__")
        ns[SANDBOX_MARK] = SANDBOX_TOKEN
    cls = type(name, bases, ns, **kwargs)
    register_sandbox_class(cls)
    return cls
