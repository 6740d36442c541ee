"""The builtins sandboxed code sees: the reviewed plain ones from policy.py plus metered and
guarded replacements. Built per session (they close over the session's Runtime, whose meter
changes per run). Never contains anything in policy.FORBIDDEN_BUILTINS."""
from __future__ import annotations

import builtins
import math
import string

import _string

from . import policy
from .isolate import isolated
from .calls import SIZED, meter_iterable
from .guards import ModuleProxy as _unused  # noqa: F401  (import order: guards first)
from .guards import check_name, del_attr, exact_name, get_attr, set_attr

from . import sizes

_NOTHING = object()
_FORMAT_CHECK_FROM = 1 << 16   # characters of formatted output before the memory pre-check


def _lazy(meter, x):
    """An argument of a lazy adapter (map, zip, ...): containers as-is, iterators metered, so
    nested adapters recurse through Python frames (RecursionError) instead of C (segfault)."""
    return x if type(x) in SIZED else meter.metered(x)


class GuardedFormatter(string.Formatter):
    """str.format / format_map with every field path ('{0.attr[key]}') read through the guard
    and every format spec size-checked."""

    def __init__(self, rt) -> None:
        self.rt = rt

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth,
                 auto_arg_index=0):
        """string.Formatter._vformat, with str.format's automatic numbering also for field
        names that start with an attribute or index ('{.name}', '{[0]}')."""
        if recursion_depth < 0:
            raise ValueError("Max string recursion exceeded")
        result = []
        total = 0
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is None:
                continue
            if field_name == "" or field_name[0] in ".[":
                if auto_arg_index is False:
                    raise ValueError("cannot switch from manual field specification to "
                                     "automatic field numbering")
                field_name = str(auto_arg_index) + field_name
                auto_arg_index += 1
            elif field_name.split(".")[0].split("[")[0].isdigit():
                if auto_arg_index:
                    raise ValueError("cannot switch from automatic field numbering to manual "
                                     "field specification")
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(format_spec, args, kwargs, used_args,
                                                        recursion_depth - 1,
                                                        auto_arg_index=auto_arg_index)
            piece = self.format_field(obj, format_spec)
            result.append(piece)
            total += len(piece)
            if total > _FORMAT_CHECK_FROM:
                # ('{:9999}' * 10**5).format(...): each field is small, their sum is not
                self.rt.meter.alloc(total * 4)
        return "".join(result), auto_arg_index

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
    """(type, attribute) -> factory(receiver) for methods that need a guarded replacement (made
    by a rebuilt _make_wraps: the replacements have no way to this module's globals)."""
    return isolated(_make_wraps)(rt)


def _make_wraps(rt) -> dict:
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


def _expect(name: str, args: tuple, lo: int, hi: int) -> None:
    """CPython's arity messages for builtins: 'getattr expected at least 2 arguments, got 1'."""
    n = len(args)
    if lo <= n <= hi:
        return
    if lo == hi:
        raise TypeError(f"{name} expected {lo} argument{'s' if lo != 1 else ''}, got {n}")
    if n < lo:
        raise TypeError(f"{name} expected at least {lo} argument{'s' if lo != 1 else ''}, got {n}")
    raise TypeError(f"{name} expected at most {hi} argument{'s' if hi != 1 else ''}, got {n}")


def _static_builtins() -> dict:
    """The part of the builtins that is the same for every session (built once at import)."""
    b = {name: getattr(builtins, name) for name in policy.PLAIN_BUILTINS}
    b.update(policy.BUILTIN_EXCEPTIONS)
    for name in ("list", "tuple", "set", "frozenset", "dict", "type", "enumerate", "zip", "map",
                 "filter", "reversed"):
        b[name] = getattr(builtins, name)  # real types (isinstance, subclassing); metered at call
    b["__name__"] = "__main__"
    for name in policy.FORBIDDEN_BUILTINS:
        b.pop(name, None)
    return b


_STATIC = _static_builtins()


class Builtins(dict):
    """A session's builtins: the static part copied at once, the guarded wrappers (closures over
    the session's Runtime) made on the first lookup that misses -- a run that calls none of them
    never pays for building them."""

    __slots__ = ("rt", "complete")

    def __missing__(self, key):
        if self.complete or self.rt is None:
            raise KeyError(key)
        self.complete = True
        # made by a rebuilt _wrappers: the wrappers have no way to this module's globals
        for name, value in isolated(_wrappers)(self.rt).items():
            self.setdefault(name, value)
        return self[key]


def make_builtins(rt) -> dict:
    b = Builtins(_STATIC)
    b.rt = rt
    b.complete = False
    return b


def _wrappers(rt) -> dict:
    b = {}

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

    def getattr(*args):  # noqa: A001
        _expect("getattr", args, 2, 3)
        obj, name = args[0], exact_name(args[1])
        if len(args) == 2:
            return get_attr(obj, name, rt.wraps)
        try:
            return get_attr(obj, name, rt.wraps)
        except AttributeError:
            return args[2]

    def hasattr(*args):  # noqa: A001
        _expect("hasattr", args, 2, 2)
        try:
            get_attr(args[0], exact_name(args[1]), rt.wraps)
        except AttributeError:
            return False
        return True

    def setattr(*args):  # noqa: A001
        _expect("setattr", args, 3, 3)
        set_attr(*args)

    def delattr(*args):  # noqa: A001
        _expect("delattr", args, 2, 2)
        del_attr(*args)

    def dir(*args):  # noqa: A001
        _expect("dir", args, 0, 1)
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

    def format(*args):  # noqa: A001
        _expect("format", args, 1, 2)
        value, format_spec = args[0], (args[1] if len(args) > 1 else "")
        if format_spec and type(format_spec) is str:
            sizes.check_format_spec(value, format_spec, rt.meter)
        return builtins.format(value, format_spec)

    def pow(*args, **kwargs):  # noqa: A001
        names = ("base", "exp", "mod")
        if len(args) > 3:
            raise TypeError(f"pow() takes at most 3 arguments ({len(args)} given)")
        values = dict(zip(names, args))
        for key, v in kwargs.items():
            if key not in names:
                raise TypeError(f"pow() got an unexpected keyword argument '{key}'")
            if key in values:
                raise TypeError(f"argument for pow() given by name ('{key}') and position "
                                f"({names.index(key) + 1})")
            values[key] = v
        for i, key in enumerate(names[:2]):
            if key not in values:
                raise TypeError(f"pow() missing required argument '{key}' (pos {i + 1})")
        base, exp, mod = values["base"], values["exp"], values.get("mod")
        if mod is None:
            sizes.check_binop("Pow", base, exp, rt.meter)
        else:
            sizes.check_call(builtins.pow, (base, exp, mod), {}, rt.meter)
        return builtins.pow(base, exp, mod)

    def sum(*args, **kwargs):  # noqa: A001
        if not args:
            raise TypeError("sum() takes at least 1 positional argument (0 given)")
        if len(args) + len(kwargs) > 2:
            raise TypeError(f"sum() takes at most 2 arguments ({len(args) + len(kwargs)} given)")
        iterable = args[0]
        start = args[1] if len(args) > 1 else kwargs.pop("start", 0)
        if kwargs:
            raise TypeError(f"sum() got an unexpected keyword argument '{next(iter(kwargs))}'")
        m = rt.meter
        if isinstance(start, (list, tuple, str, bytes)):
            items = builtins.list(meter_iterable(m, iterable))
            sizes.check_call(builtins.sum, (items, start), {}, m)  # quadratic prefix copies
            return builtins.sum(items, start)
        return builtins.sum(meter_iterable(m, iterable), start)

    def _minmax(name, fn, args, kwargs):
        if not args:
            raise TypeError(f"{name} expected at least 1 argument, got 0")
        if len(args) == 1:
            args = (meter_iterable(rt.meter, args[0]),)
        else:
            rt.meter.tick(len(args))
        return fn(*args, **kwargs)

    def min(*args, **kwargs):  # noqa: A001
        return _minmax("min", builtins.min, args, kwargs)

    def max(*args, **kwargs):  # noqa: A001
        return _minmax("max", builtins.max, args, kwargs)

    def sorted(*args, key=None, reverse=False):  # noqa: A001
        _expect("sorted", args, 1, 1)
        m = rt.meter
        if type(args[0]) in SIZED and len(args[0]) > 4096:
            m.alloc(8 * len(args[0]))
        items = builtins.list(meter_iterable(m, args[0]))
        n = len(items)
        if n > 1:
            m.tick(int(n * math.log2(n)))
        return builtins.sorted(items, key=key, reverse=reverse)

    def any(*args):  # noqa: A001
        if len(args) != 1:
            raise TypeError(f"any() takes exactly one argument ({len(args)} given)")
        return builtins.any(meter_iterable(rt.meter, args[0]))

    def all(*args):  # noqa: A001
        if len(args) != 1:
            raise TypeError(f"all() takes exactly one argument ({len(args)} given)")
        return builtins.all(meter_iterable(rt.meter, args[0]))

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
    return b


def ModuleProxy():
    from .modules import ModuleProxy as MP
    return MP


# Types whose call consumes its first argument in C (metered in calls.host_call).
CONSUMER_TYPES = frozenset({list, tuple, set, frozenset, bytes, bytearray})
LAZY_TYPES = frozenset({enumerate, zip, map, filter})
__all__ = ["make_builtins", "make_wraps", "CONSUMER_TYPES", "LAZY_TYPES", "_lazy"]
