"""The builtins sandboxed code sees: the reviewed plain ones from policy.py plus metered and
guarded replacements. Built per session (they close over the session's Runtime, whose meter
changes per run). Never contains anything in policy.FORBIDDEN_BUILTINS."""
from __future__ import annotations

import builtins
import math
import string

import _string

from . import policy
from .calls import SIZED, meter_iterable
from .guards import ModuleProxy as _unused  # noqa: F401  (import order: guards first)
from .guards import check_name, del_attr, exact_name, get_attr, set_attr

from . import sizes

_NOTHING = object()


def _lazy(meter, x):
    """An argument of a lazy adapter (map, zip, ...): containers as-is, iterators metered, so
    nested adapters recurse through Python frames (RecursionError) instead of C (segfault)."""
    return x if type(x) in SIZED else meter.metered(x)


class GuardedFormatter(string.Formatter):
    """str.format / format_map with every field path ('{0.attr[key]}') read through the guard
    and every format spec size-checked."""

    def __init__(self, rt) -> None:
        self.rt = rt

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            if key >= len(args):
                raise IndexError(f"Replacement index {key} out of range for positional args "
                                 f"tuple")
            return args[key]
        return kwargs[key]

    def get_field(self, field_name, args, kwargs):
        first, rest = _string.formatter_field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            obj = get_attr(obj, key, self.rt.wraps) if is_attr else obj[key]
        return obj, first

    def format_field(self, value, format_spec):
        if format_spec:
            sizes.check_format_spec(value, format_spec, self.rt.meter)
        return format(value, format_spec)


def make_wraps(rt) -> dict:
    """(type, attribute) -> factory(receiver) for methods that need a guarded replacement."""
    fmt = GuardedFormatter(rt)

    def str_format(s):
        def format(*args, **kwargs):  # noqa: A001 - mirrors str.format
            return fmt.vformat(s, args, kwargs)
        return format

    def str_format_map(s):
        def format_map(mapping):
            return fmt.vformat(s, (), mapping)
        return format_map

    return {(str, "format"): str_format, (str, "format_map"): str_format_map}


def make_builtins(rt) -> dict:
    b = {name: builtins.getattr(builtins, name) for name in policy.PLAIN_BUILTINS}
    for name in builtins.dir(builtins):
        value = builtins.getattr(builtins, name)
        if isinstance(value, type) and issubclass(value, BaseException):
            b[name] = value
    for name in ("list", "tuple", "set", "frozenset", "dict", "type", "enumerate", "zip", "map",
                 "filter", "reversed"):
        b[name] = builtins.getattr(builtins, name)  # real types (isinstance, subclassing); metered at call
    b["__name__"] = "__main__"

    def print(*args, sep=" ", end="\n", file=None, flush=False):  # noqa: A001
        if sep is None:
            sep = " "
        if end is None:
            end = "\n"
        if not isinstance(sep, str):
            raise TypeError(f"sep must be None or a string, not {type(sep).__name__}")
        if not isinstance(end, str):
            raise TypeError(f"end must be None or a string, not {type(end).__name__}")
        text = sep.join([str(a) for a in args]) + end
        if file is not None:
            file.write(text)
            return
        rt.meter.write(text)

    def getattr(obj, name, default=_NOTHING):  # noqa: A001
        name = exact_name(name)
        if default is _NOTHING:
            return get_attr(obj, name, rt.wraps)
        try:
            return get_attr(obj, name, rt.wraps)
        except AttributeError:
            return default

    def hasattr(obj, name):  # noqa: A001
        name = exact_name(name)
        try:
            get_attr(obj, name, rt.wraps)
        except AttributeError:
            return False
        return True

    def setattr(obj, name, value):  # noqa: A001
        set_attr(obj, name, value)

    def delattr(obj, name):  # noqa: A001
        del_attr(obj, name)

    def dir(*args):  # noqa: A001
        if not args:
            return sorted(k for k in rt.g if not k.startswith("__"))
        (obj,) = args
        if type(obj) is ModuleProxy():
            return sorted(obj._attrs)
        names = []
        for n in builtins.dir(obj):
            try:
                check_name(obj, n)
            except BaseException:
                continue
            names.append(n)
        return names

    def format(value, format_spec=""):  # noqa: A001
        if format_spec:
            sizes.check_format_spec(value, format_spec, rt.meter)
        return builtins.format(value, format_spec)

    def pow(base, exp, mod=None):  # noqa: A001
        if mod is None:
            sizes.check_binop("Pow", base, exp, rt.meter)
        else:
            sizes.check_call(builtins.pow, (base, exp, mod), {}, rt.meter)
        return builtins.pow(base, exp, mod)

    def sum(iterable, /, start=0):  # noqa: A001
        m = rt.meter
        if isinstance(start, (list, tuple, str, bytes)):
            items = builtins.list(meter_iterable(m, iterable))
            m.tick(builtins.sum(len(x) for x in items if isinstance(x, (list, tuple, bytes))))
            return builtins.sum(items, start)
        return builtins.sum(meter_iterable(m, iterable), start)

    def _minmax(fn, args, kwargs):
        if len(args) == 1:
            args = (meter_iterable(rt.meter, args[0]),)
        else:
            rt.meter.tick(len(args))
        return fn(*args, **kwargs)

    def min(*args, **kwargs):  # noqa: A001
        return _minmax(builtins.min, args, kwargs)

    def max(*args, **kwargs):  # noqa: A001
        return _minmax(builtins.max, args, kwargs)

    def sorted(iterable, /, *, key=None, reverse=False):  # noqa: A001
        m = rt.meter
        items = builtins.list(meter_iterable(m, iterable))
        n = len(items)
        if n > 1:
            m.tick(int(n * math.log2(n)))
        return builtins.sorted(items, key=key, reverse=reverse)

    def any(iterable):  # noqa: A001
        return builtins.any(meter_iterable(rt.meter, iterable))

    def all(iterable):  # noqa: A001
        return builtins.all(meter_iterable(rt.meter, iterable))

    def super_(*args):
        if not args:
            raise RuntimeError("super(): no arguments")
        return builtins.super(*args)

    local = locals()
    for name in ("print", "getattr", "hasattr", "setattr", "delattr", "dir", "format", "pow",
                 "sum", "min", "max", "sorted", "any", "all"):
        fn = local[name]
        fn.__qualname__ = name
        fn.__module__ = "builtins"
        b[name] = fn
    super_.__name__ = super_.__qualname__ = "super"
    b["super"] = super_
    for name in policy.FORBIDDEN_BUILTINS:
        b.pop(name, None)
    return b


def ModuleProxy():
    from .modules import ModuleProxy as MP
    return MP


# Types whose call consumes its first argument in C (metered in calls.host_call).
CONSUMER_TYPES = frozenset({list, tuple, set, frozenset, bytes, bytearray})
LAZY_TYPES = frozenset({enumerate, zip, map, filter})
__all__ = ["make_builtins", "make_wraps", "CONSUMER_TYPES", "LAZY_TYPES", "_lazy"]
