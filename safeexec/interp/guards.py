"""The one attribute guard: every attribute read, write and delete by sandboxed code, static or
computed, goes through `get_attr`, `set_attr` and `del_attr` here.

Invariant: no attribute of a host object is returned unless its type's reviewed table (policy.py)
or the generic rule (public name, not denied) allows it; module proxies are read through their
`_attrs` dict, never through getattr. Imports: policy, signals, and the proxy types.
"""
from __future__ import annotations

import types

from . import policy
from .signals import Refused

# Classes created by sandboxed code (class statements, 3-argument type()) carry this token under
# a dunder name the guard never lets sandboxed code read or write; it dies with the class.
_TOKEN = SANDBOX_TOKEN = object()
_MARK = SANDBOX_MARK = "__sx_sandbox__"

_GENERATOR_TYPES = (types.GeneratorType,)
# Dunders readable on instances of builtin types: names only. Their protocol methods
# (list.__init__, __iadd__...) would consume iterators in C without metering.
_BUILTIN_TYPE_DUNDERS = frozenset({"__class__", "__doc__"})
_DUNDER_HELP = ("allowed dunder attributes are names and operator methods such as __name__, "
                "__class__, __init__, __len__, __eq__")


class ToolProxy:
    """A host tool as sandboxed code sees it: callable, and nothing else (no attributes, no
    closure, no __self__)."""

    __slots__ = ("_fn", "_name")

    def __init__(self, fn, name: str) -> None:
        object.__setattr__(self, "_fn", fn)
        object.__setattr__(self, "_name", name)

    def __call__(self, *args, **kwargs):
        return self._fn(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<tool {self._name}>"


class Cell:
    """A closure cell of sandboxed code (never exposed as a value)."""

    __slots__ = ("v",)

    def __init__(self, v) -> None:
        self.v = v


def register_sandbox_class(cls: type) -> None:
    type.__setattr__(cls, _MARK, _TOKEN)
    # "pure": every class on the MRO is sandbox-made (or object), so no host descriptor can
    # intercept an attribute write; the MRO cannot change afterwards (__bases__ is refused).
    pure = all(k is object or _own_sandbox_dict(k) for k in type.__getattribute__(cls, "__mro__"))
    type.__setattr__(cls, _PURE, pure)


_PURE = PURE_MARK = "__sx_pure__"


def is_sandbox_class(cls) -> bool:
    """True for classes made by sandboxed code and their subclasses."""
    try:
        return type.__getattribute__(cls, _MARK) is _TOKEN
    except (AttributeError, TypeError):
        return False


def _own_sandbox_dict(klass) -> bool:
    return type.__getattribute__(klass, "__dict__").get(_MARK) is _TOKEN


def _internal_types() -> tuple[type, ...]:
    from .modules import ModuleProxy
    return (ToolProxy, Cell, ModuleProxy)


INTERNAL: tuple[type, ...] = (ToolProxy, Cell)


def init_internal() -> None:
    """Called once the proxy module is importable (avoids an import cycle at load time)."""
    global INTERNAL, ModuleProxy
    INTERNAL = _internal_types()
    NOT_PLAIN.update(INTERNAL)
    from .modules import ModuleProxy as _MP
    ModuleProxy = _MP


ModuleProxy = None  # set by init_internal


def refuse(message: str):
    raise Refused(message)


def static_name_problem(name: str) -> str | None:
    """Why a statically written attribute name can never be allowed, or None."""
    if name.startswith("__") and name.endswith("__") and name not in policy.READABLE_DUNDERS:
        return f"attribute '{name}' is not allowed ({_DUNDER_HELP})"
    return None


def _sandbox_defines(obj, name: str) -> bool:
    """True when `name` lives in storage the sandbox owns: the instance dict of a sandbox object, or
    the dict of a sandbox class on its MRO (never a host base class)."""
    cls = obj if isinstance(obj, type) else type(obj)
    if not isinstance(obj, type) and _owned(obj) and not _host_lineage(cls):
        # (a host base class's __init__ fills the instance dict too: json.JSONDecoder stores
        # host functions as `parse_object`, so a host lineage never counts as sandbox storage)
        try:
            d = object.__getattribute__(obj, "__dict__")
        except AttributeError:
            d = None
        if d is not None and name in d:
            return True
    for klass in type.__getattribute__(cls, "__mro__"):
        if _own_sandbox_dict(klass) and name in type.__getattribute__(klass, "__dict__"):
            return True
    return False


def _host_lineage(cls) -> bool:
    """True when a class on cls's MRO is neither a sandbox class nor a builtin type."""
    for klass in type.__getattribute__(cls, "__mro__"):
        if not _own_sandbox_dict(klass) and type.__getattribute__(klass, "__module__") != "builtins":
            return True
    return False


def _owned(obj) -> bool:
    """Objects whose attributes the sandbox created: sandbox classes, their instances, sandbox
    functions."""
    if isinstance(obj, type):
        return is_sandbox_class(obj)
    t = type(obj)
    if is_sandbox_class(t):
        return True
    return t is types.FunctionType and getattr(obj, "__sandboxed__", False) is True


_NAME_DUNDERS = frozenset({"__name__", "__qualname__", "__doc__", "__class__", "__module__",
                           "__match_args__", "__members__", "__dataclass_fields__"})
_MUTATING_DUNDERS = frozenset({"__init__", "__setitem__", "__delitem__", "__iadd__", "__isub__",
                               "__imul__", "__post_init__"})
_SUPER_SELF = super.__dict__["__self__"]


def _init_target_owned(obj) -> bool:
    """Whose state a mutating dunder would change: the object itself, or a super() proxy's
    instance (read through the real descriptor: a sandbox class cannot fake it)."""
    if type(obj) is super:
        target = _SUPER_SELF.__get__(obj, super)
        return target is None or _owned(target) or (isinstance(target, type) and
                                                     is_sandbox_class(target))
    return _owned(obj) or (isinstance(obj, type) and is_sandbox_class(obj))


def _host_defines(obj, name: str) -> bool:
    """True when a host (non-sandbox) class on obj's MRO defines `name` (its private helpers)."""
    cls = obj if isinstance(obj, type) else type(obj)
    for klass in type.__getattribute__(cls, "__mro__"):
        if not _own_sandbox_dict(klass) and name in type.__getattribute__(klass, "__dict__"):
            return True
    return False


def _missing(obj, name: str):
    try:
        getattr(obj, name)
    except AttributeError:
        pass
    else:
        tname = type(obj).__name__
        refuse(f"attribute '{name}' of '{tname}' objects is not allowed in the sandbox")
    if isinstance(obj, type):
        raise AttributeError(f"type object '{obj.__name__}' has no attribute '{name}'")
    raise AttributeError(f"'{type(obj).__name__}' object has no attribute '{name}'")


def exact_name(name) -> str:
    """An attribute name as an exact str: a str subclass could override startswith/__eq__/__hash__
    and lie to every check below."""
    if type(name) is str:
        return name
    if isinstance(name, str):
        return str.__str__(name)
    raise TypeError(f"attribute name must be string, not '{type(name).__name__}'")


def check_name(obj, name: str) -> None:
    """Refuse `name` on `obj` unless policy allows it (used by get/set/del and by wrapped gadgets
    such as operator.attrgetter and str.format field paths). `name` must be an exact str."""
    if type(name) is not str:
        raise TypeError(f"attribute name must be string, not '{type(name).__name__}'")
    t = type(obj)
    if t in INTERNAL or (t is type and obj in INTERNAL):
        refuse(f"attribute '{name}' of {type(obj).__name__.lower()} objects is not accessible")
    if name.startswith("_"):
        if name.startswith("__") and name.endswith("__"):
            if name not in policy.READABLE_DUNDERS:
                refuse(f"attribute '{name}' is not allowed ({_DUNDER_HELP})")
            if name == "__call__" and isinstance(obj, type):
                # type.__call__ / bytes.__call__ would construct without the call-site checks
                refuse("attribute '__call__' of classes is not allowed; call the class instead")
            if name not in _NAME_DUNDERS and not _init_target_owned(obj):
                # operator slots of host types (str.__mul__, list.__iadd__) called from C by
                # map() & co. would skip every call-site check
                refuse(f"attribute '{name}' is only accessible on objects of classes defined "
                       f"in the sandbox (and through super() inside their methods)")
            if name in _MUTATING_DUNDERS and not _init_target_owned(obj):
                # uuid.NAMESPACE_DNS.__init__(int=0) re-initialises a host object in place
                refuse(f"attribute '{name}' is only accessible on objects of classes defined "
                       f"in the sandbox (and through super() inside their methods)")
            return
        if not _sandbox_defines(obj, name) and not (_owned(obj) and not _host_defines(obj, name)):
            refuse(f"attribute '{name}' is not allowed: names starting with '_' are private "
                   f"(only your own classes' private attributes are accessible)")
        return
    if (name in policy.DENIED_NAMES or name.startswith(policy.DENIED_PREFIXES)) and \
            not _sandbox_defines(obj, name):
        refuse(f"attribute '{name}' is not allowed: it exposes interpreter internals")
    if isinstance(obj, BaseException) and name in policy.DENIED_BY_TYPE[BaseException]:
        refuse(f"attribute '{name}' of exceptions is not allowed: it exposes the failing object")
    if t in _GENERATOR_TYPES and name not in policy.GENERATOR_ATTRS:
        refuse(f"attribute '{name}' of generators is not allowed; allowed: "
               f"{', '.join(sorted(policy.GENERATOR_ATTRS))}")


def get_attr(obj, name: str, wraps=None):
    """Read `obj.name` for sandboxed code. `wraps` maps (type, name) to a replacement factory."""
    if type(name) is not str:
        name = exact_name(name)
    t = type(obj)
    if t is ModuleProxy:
        try:
            return obj._attrs[name]
        except KeyError:
            if type(name) is not str:
                raise TypeError(f"attribute name must be string, not '{type(name).__name__}'") from None
            if name.startswith("_") and not (name in ("__name__", "__doc__")):
                refuse(f"attribute '{name}' of module '{obj._name}' is not allowed")
            if name == "__name__":
                return obj._name
            raise AttributeError(f"module '{obj._name}' has no attribute '{name}'") from None
    table = policy.TYPE_ATTRS.get(t)
    if table is not None:
        if name in table:
            if wraps is not None:
                w = wraps.get((t, name))
                if w is not None:
                    return w(obj)
            return getattr(obj, name)
        if type(name) is not str:
            raise TypeError(f"attribute name must be string, not '{type(name).__name__}'")
        if name.startswith("_"):
            if name in _BUILTIN_TYPE_DUNDERS:
                return getattr(obj, name)
            refuse(f"attribute '{name}' of '{t.__name__}' objects is not allowed ({_DUNDER_HELP})")
        return _missing(obj, name)
    check_name(obj, name)
    if wraps is not None:
        w = wraps.get((t, name))
        if w is not None:            # a host method with a checked replacement (re.Pattern)
            return w(obj)
        if isinstance(obj, type):
            w = wraps.get((obj, name))
            if w is not None:
                return lambda self, *args, **kwargs: w(self)(*args, **kwargs)
    return getattr(obj, name)


def is_plain_name(name: str) -> bool:
    """A statically known name that needs no per-object name check (decided at compile time)."""
    return not name.startswith("_") and name not in policy.DENIED_NAMES and \
        not name.startswith(policy.DENIED_PREFIXES) and \
        name not in policy.DENIED_BY_TYPE[BaseException]


def get_attr_plain(obj, name: str, wraps):
    """get_attr for a plain name (is_plain_name): only the per-type rules remain, and they apply
    to the types in NOT_PLAIN; every other object is read directly."""
    if type(obj) in NOT_PLAIN:
        return get_attr(obj, name, wraps)
    return getattr(obj, name)


# Types whose attributes need more than the name check done at compile time: per-type tables,
# proxies, internal objects (refused by get_attr), generators, classes (wraps).
NOT_PLAIN: set = {types.GeneratorType, type, ToolProxy, Cell, *policy.TYPE_ATTRS}
# (a set that grows: types with method wraps, e.g. re.Pattern, join it when a loader is made)


def set_attr_plain(obj, name: str, value) -> None:
    """set_attr for a plain name: instances of pure sandbox classes are written directly."""
    # (register_sandbox_class sets the mark on every sandbox class, so a metaclass __getattr__
    # is never asked for it; a host type without it answers False)
    if getattr(type(obj), _PURE, False) is True:
        setattr(obj, name, value)
    else:
        set_attr(obj, name, value)


# Predicates (obj, name) -> bool registered by higher layers (module_wraps: capped decimal
# contexts) for host objects whose attributes sandboxed code may set through their own checks.
SETTABLE_HOOKS: list = []


def _settable(obj, name: str = "") -> bool:
    t = type(obj)
    if is_sandbox_class(t) or (isinstance(obj, type) and is_sandbox_class(obj)):
        return True
    if t is types.FunctionType and getattr(obj, "__sandboxed__", False) is True:
        return True
    return f"{t.__module__}.{t.__qualname__}" in policy.SETATTR_TYPES_BY_NAME


def _read_only_or_absent(obj, name: str) -> bool:
    """True when CPython itself would refuse `obj.name = v` without running host code: a
    read-only property/getter on the class, or no such attribute and no instance dict."""
    cls = obj if isinstance(obj, type) else type(obj)
    for klass in type.__getattribute__(cls, "__mro__"):
        d = type.__getattribute__(klass, "__dict__")
        if name in d:
            desc = d[name]
            if isinstance(desc, (property, types.DynamicClassAttribute)):
                return desc.fset is None
            return type(desc).__name__ == "_tuplegetter"
    if isinstance(obj, type):
        return False
    return (not hasattr(obj, "__dict__")) and type(obj).__setattr__ is object.__setattr__


def _check_write(obj, name: str, verb: str) -> bool:
    """Refuse a write the policy forbids; True when CPython may do (or refuse) it natively."""
    if ModuleProxy is not None and type(obj) is ModuleProxy:
        refuse(f"cannot {verb} attribute '{name}' of module '{obj._name}': modules are "
               f"read-only in the sandbox")
    t = type(obj)
    if t in INTERNAL or (t is type and obj in INTERNAL):
        refuse(f"cannot {verb} attributes of {t.__name__.lower()} objects")
    if t in policy.TYPE_ATTRS or (t is type and obj in policy.TYPE_ATTRS):
        return True  # builtin types and their instances: CPython refuses with its own message
    if name.startswith("__") and name.endswith("__"):
        if name in policy.FORBIDDEN_DEFINITIONS or name not in policy.READABLE_DUNDERS:
            refuse(f"cannot {verb} attribute '{name}' ({_DUNDER_HELP})")
    if SETTABLE_HOOKS and any(hook(obj, name) for hook in SETTABLE_HOOKS):
        return True   # the object's own __setattr__ enforces its caps (decimal contexts)
    if not _settable(obj, name):
        if _read_only_or_absent(obj, name):
            return True
        what = f"type '{obj.__name__}'" if isinstance(obj, type) else f"'{t.__name__}' objects"
        refuse(f"cannot {verb} attribute '{name}' of {what}: only objects of classes defined in "
               f"the sandbox can be changed")
    if name in policy.DENIED_NAMES and not _sandbox_defines(obj, name):
        refuse(f"cannot {verb} attribute '{name}': it is reserved for interpreter internals")
    # A host base class's descriptor would run host code with a sandbox-chosen value.
    cls = obj if isinstance(obj, type) else type(obj)
    for klass in type.__getattribute__(cls, "__mro__"):
        if klass is object or _own_sandbox_dict(klass):
            continue
        d = type.__getattribute__(klass, "__dict__")
        if name in d and not isinstance(obj, type) and hasattr(type(d[name]), "__set__"):
            if _read_only_or_absent(obj, name):
                return True
            refuse(f"cannot {verb} attribute '{name}': it belongs to host class "
                   f"'{klass.__name__}'")
    return True


def set_attr(obj, name: str, value) -> None:
    name = exact_name(name)
    _check_write(obj, name, "set")
    setattr(obj, name, value)



def del_attr(obj, name: str) -> None:
    name = exact_name(name)
    _check_write(obj, name, "delete")
    delattr(obj, name)
