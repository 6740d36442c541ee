"""Imports for sandboxed code: the import policy, read-only module proxies and the loader that
builds them (per session) from the tables in module_wraps.py.

A proxy holds a plain dict of what the sandbox may see of a module: its public names, minus
module objects that are not themselves allowed, minus the HIDE table (and anything KEEP_ONLY
leaves out), with WRAP replacements. The attribute guard reads `proxy._attrs` directly; the proxy
defines no __getattr__, so no AttributeError ever carries the real module (`e.obj`).

Traps:
- Allowing "os.path" must not allow "os": `import os.path` binds a *stub* proxy of `os` that holds
  only `path`. The deny list wins over allowed_imports ("sys" stays refused even when listed).
- Modules re-export one another's objects (`statistics.Decimal`, `queue.deque`,
  `contextlib.wraps`): hidden and wrapped objects are matched by identity across all modules,
  so a re-export gets the same replacement (or is hidden) as the original.
- Module-level lists, dicts, sets and bytearrays are process-wide state (keyword.kwlist,
  token.tok_name, mimetypes.types_map, calendar.mdays): proxies hold read-only views of them
  (a tuple, a mappingproxy, a frozenset, bytes), so a mutation attempt fails as it would on any
  read-only value instead of changing the host.
- One loader serves many runs: wrappers ask `meter_getter()` for the meter at call time, and
  `loader.running()` must surround each run (the sandbox's decimal context is the thread's only
  inside it).

Imports: stdlib, ..errors, .module_wraps (and through it the guards and sizes).
"""
from __future__ import annotations

import collections
import contextlib
import decimal
import importlib
import importlib.util
import re
import sys
import types
from collections.abc import Callable, Iterable

from ..errors import PolicyViolation
from .isolate import isolated


class _LazyWraps:
    """module_wraps (2,500 lines and the stdlib modules it wraps) is imported on first use: a run
    that imports nothing never pays for it (import safeexec + first run stays in milliseconds)."""

    def __getattr__(self, name):
        from . import module_wraps
        globals()["mw"] = module_wraps
        return getattr(module_wraps, name)


mw = _LazyWraps()

_ENTRY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\.\*)?")


def deny_reason(name: str) -> str | None:
    """Why `name` may never be imported, or None. A denied package denies its submodules;
    DENY_EXCEPTIONS (os.path) win over a denied parent; private modules (`_x`) are denied."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in mw.DENY_EXCEPTIONS:
            return None
        if prefix in mw.DENIED:
            return mw.DENIED[prefix]
    if any(part.startswith("_") for part in parts):
        return "private modules are implementation details; import the public module"
    return None


class ImportPolicy:
    """Which modules sandboxed code may import: exact names ("math", "os.path") and package
    wildcards ("numpy.*": numpy and all its submodules). The deny list in module_wraps wins."""

    def __init__(self, allowed: Iterable[str]) -> None:
        if isinstance(allowed, str):
            raise TypeError("allowed imports must be a list of module names, not a string")
        exact, packages = set(), set()
        for entry in allowed:
            if not isinstance(entry, str):
                raise TypeError(f"allowed import entries must be str, not {type(entry).__name__}")
            if not _ENTRY.fullmatch(entry):
                raise ValueError(f"invalid allowed import {entry!r}: use a module name such as "
                                 f"'math' or 'os.path', or a package wildcard such as 'numpy.*'")
            if entry.endswith(".*"):
                packages.add(entry[:-2])
            else:
                exact.add(entry)
        self.exact = frozenset(exact)
        self.packages = frozenset(packages)

    def _listed(self, name: str) -> bool:
        if name in self.exact:
            return True
        parts = name.split(".")
        return any(".".join(parts[:i]) in self.packages for i in range(1, len(parts) + 1))

    def allows(self, name: str) -> bool:
        """True when `name` is listed (exactly or under a wildcard) and not denied."""
        if not isinstance(name, str) or not _ENTRY.fullmatch(name) or name.endswith(".*"):
            return False
        return self._listed(name) and deny_reason(name) is None

    def describe(self) -> str:
        """What is allowed, for error messages: "allowed imports: json, math, os.path"."""
        names = sorted([n for n in self.exact if deny_reason(n) is None] +
                       [f"{p}.*" for p in self.packages])
        if not names:
            return "no imports are allowed"
        return "allowed imports: " + ", ".join(names)

    def explain(self, name: str) -> str:
        """The whole refusal message for `import name` (the deny reason when there is one)."""
        reason = deny_reason(name) if isinstance(name, str) else None
        if reason is not None and self._listed(name):
            return f"import of '{name}' is never allowed in the sandbox: {reason}"
        return f"import of '{name}' is not allowed; {self.describe()}"

    def __repr__(self) -> str:
        return f"ImportPolicy({sorted(self.exact) + sorted(p + '.*' for p in self.packages)})"


class ModuleProxy:
    """A module as sandboxed code sees it: read-only, holding only `_attrs`."""

    __slots__ = ("_name", "_attrs")

    def __init__(self, name: str, attrs: dict) -> None:
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_attrs", attrs)

    def __setattr__(self, name, value) -> None:
        raise PolicyViolation(f"cannot assign to attribute '{name}' of module '{self._name}': "
                              f"modules are read-only in the sandbox")

    def __delattr__(self, name) -> None:
        raise PolicyViolation(f"cannot delete attribute '{name}' of module '{self._name}': "
                              f"modules are read-only in the sandbox")

    def __repr__(self) -> str:
        return f"<module '{self._name}' (sandboxed)>"

    def __dir__(self) -> list[str]:
        return sorted(self._attrs)

    def __reduce_ex__(self, protocol):
        raise TypeError("cannot pickle 'module' object")  # what copy/deepcopy of a module say


# Module-level mutable containers -> the read-only view a proxy holds instead (mappings stay
# live views of the host's dict; sequences and sets are copied once, when the proxy is built).
_READ_ONLY_VIEW = {list: tuple, collections.deque: tuple, set: frozenset, bytearray: bytes,
                   dict: types.MappingProxyType, collections.OrderedDict: types.MappingProxyType,
                   collections.defaultdict: types.MappingProxyType,
                   collections.Counter: types.MappingProxyType}


def _plain_value(value) -> bool:
    """Values never looked up in the identity index (ints and strings are shared by identity)."""
    return isinstance(value, mw.PLAIN_TYPES)


class ModuleLoader:
    """Imports allowed modules and builds their proxies, cached per loader (per session).

    `meter_getter()` returns the current run's Meter (or None between runs). Optional hooks from
    the interpreter: `get_attr(obj, name)` (its attribute guard with method wraps) and
    `call(fn, args, kwargs)` (its checked host call); operator.attrgetter/methodcaller and the
    wrappers that call host callables from C use them, with safe fallbacks when absent."""

    def __init__(self, policy: ImportPolicy, meter_getter: Callable, *, get_attr=None,
                 call=None) -> None:
        self.policy = policy
        self.ctx = mw.WrapContext(meter_getter, self, get_attr=get_attr, call=call)
        self._proxies: dict[str, ModuleProxy] = {}     # import name -> proxy
        self._by_module: dict[int, tuple] = {}         # id(module) -> (module, proxy, key)
        self._stubs: dict[str, ModuleProxy] = {}       # parents that are not allowed themselves
        self._wrapped: dict[tuple[str, str], object] = {}
        self._index_key = None
        self._index: dict[int, tuple] = {}

    # -- loading ----------------------------------------------------------------------------------
    def load(self, name: str) -> ModuleProxy:
        """The proxy of module `name`; PolicyViolation when the policy does not allow it."""
        proxy = self._proxies.get(name)
        if proxy is not None:
            return proxy
        if not self.policy.allows(name):
            raise PolicyViolation(self.policy.explain(name))
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # CPython's message, without the host's traceback
            missing = exc.name or name
            raise ModuleNotFoundError(f"No module named '{missing}'", name=missing) from None
        except ImportError as exc:
            raise ImportError(str(exc), name=name) from None
        except Exception as exc:  # a module failing at import: its error, not its traceback
            raise ImportError(f"module '{name}' failed to import: {type(exc).__name__}: {exc}",
                              name=name) from None
        return self._proxy_for(name, module)

    def _proxy_for(self, name: str, module: types.ModuleType) -> ModuleProxy:
        known = self._by_module.get(id(module))
        if known is not None:
            self._proxies[name] = known[1]
            return known[1]
        proxy = ModuleProxy(module.__name__, {})
        self._proxies[name] = proxy
        self._by_module[id(module)] = (module, proxy, name)
        try:
            proxy._attrs.update(self._contents(name, module))
        except BaseException:
            del self._proxies[name], self._by_module[id(module)]
            raise
        return proxy

    def import_module_binding(self, dotted: str) -> ModuleProxy:
        """What `import a.b.c` binds to `a`: the proxy of `a`, or, when `a` itself is not allowed,
        a stub holding only the allowed chain down to `a.b.c`."""
        target = self.load(dotted)
        parts = dotted.split(".")
        if len(parts) == 1:
            return target
        node = root = self._link(parts[0])
        for i in range(1, len(parts)):
            child = self._link(".".join(parts[:i + 1]))
            node._attrs.setdefault(parts[i], child)  # CPython binds a submodule on its parent
            node = child
        return root

    def _link(self, name: str) -> ModuleProxy:
        if self.policy.allows(name):
            return self.load(name)
        stub = self._stubs.get(name)
        if stub is None:
            stub = self._stubs[name] = ModuleProxy(name, {})
        return stub

    def from_import(self, module, name: str):
        """The value `from module import name` binds. `module` is a proxy or a module name."""
        proxy = module if isinstance(module, ModuleProxy) else self.load(module)
        attrs = proxy._attrs
        if name in attrs:
            return attrs[name]
        _, key = self._module_of(proxy)
        sub = f"{key}.{name}"
        if self.policy.allows(sub):
            value = self.load(sub)
            attrs.setdefault(name, value)
            return value
        reason = self.missing_reason(proxy, name)
        if reason is not None:
            raise PolicyViolation(reason)
        raise ImportError(f"cannot import name '{name}' from '{proxy._name}' (unknown location)",
                          name=proxy._name)

    def missing_reason(self, proxy: ModuleProxy, name: str) -> str | None:
        """Why `name` exists on the real module but not on its proxy (a policy message, for the
        attribute guard and `from m import name`), or None when the real module has no such
        public name either."""
        module, key = self._module_of(proxy)
        if module is None:   # a stub: `os` when only os.path is allowed
            return self.policy.explain(key)
        if name.startswith("_"):
            return None
        real_name = module.__name__
        if real_name in mw.KEEP_ONLY and name not in mw.KEEP_ONLY[real_name]:
            if hasattr(module, name):
                return f"'{key}.{name}' is not available: {mw.KEEP_ONLY_REASON[real_name]}"
            return None
        hidden = mw.HIDE.get(real_name, {}).get(name)
        if hidden is not None:
            return f"'{key}.{name}' is not available in the sandbox: {hidden}"
        try:
            value = getattr(module, name)
        except AttributeError:
            if _is_submodule(f"{key}.{name}"):
                return self.policy.explain(f"{key}.{name}")
            return None
        if isinstance(value, types.ModuleType):
            return self.policy.explain(value.__name__)
        entry = None if _plain_value(value) else self._identity_index().get(id(value))
        if entry is not None and entry[0] is value and entry[1] == "hide":
            return f"'{key}.{name}' is not available in the sandbox: {entry[2]}"
        return None

    def _module_of(self, proxy: ModuleProxy) -> tuple:
        """(real module, import name) of a proxy; (None, name) for a stub."""
        for module, p, key in self._by_module.values():
            if p is proxy:
                return module, key
        return None, proxy._name

    # -- contents ---------------------------------------------------------------------------------
    def _contents(self, key: str, module: types.ModuleType) -> dict:
        real_name = module.__name__
        keep = mw.KEEP_ONLY.get(real_name)
        hide = mw.HIDE.get(real_name, {})
        wraps = mw.WRAP.get(real_name, {})
        index = self._identity_index()
        attrs = {}
        for attr in dir(module):
            if attr.startswith("_") or attr in hide or (keep is not None and attr not in keep):
                continue
            try:
                value = getattr(module, attr)
            except AttributeError:
                continue
            if attr in wraps:
                attrs[attr] = self.wrapped_value(real_name, attr)
                continue
            if isinstance(value, types.ModuleType):
                sub = self._allowed_name_of(key, attr, value)
                if sub is not None:
                    attrs[attr] = self.load(sub)
                continue
            if not _plain_value(value):
                entry = index.get(id(value))
                if entry is not None and entry[0] is value:
                    if entry[1] == "hide":
                        continue
                    attrs[attr] = self.wrapped_value(*entry[2])
                    continue
                if type(value).__name__ == "PyCapsule":
                    continue
                if type(value) in _READ_ONLY_VIEW:
                    value = _READ_ONLY_VIEW[type(value)](value)
            attrs[attr] = value
        return attrs

    def _allowed_name_of(self, parent_key: str, attr: str, value) -> str | None:
        """The import name under which a module-valued attribute is allowed, if any."""
        candidates = [f"{parent_key}.{attr}", value.__name__]
        for name in candidates:
            if sys.modules.get(name) is value and self.policy.allows(name):
                return name
        return None

    def wrapped_value(self, module: str, name: str):
        """The loader's replacement for `module.name` (built once per loader)."""
        key = (module, name)
        if key not in self._wrapped:
            _reason, factory = mw.WRAP[module][name]
            real = getattr(importlib.import_module(module), name)
            # (made by a rebuilt factory: what it makes has no way to module_wraps' globals)
            self._wrapped[key] = isolated(factory)(self.ctx, real)
        return self._wrapped[key]

    def _identity_index(self) -> dict[int, tuple]:
        """id(original) -> (original, "hide", reason) or (original, "wrap", (module, name)),
        over the table modules imported so far (re-exports need the original imported)."""
        present = tuple(m for m in _table_modules() if m in sys.modules)
        if present == self._index_key:
            return self._index
        index: dict[int, tuple] = {}
        for name, reason in mw.HIDDEN_BUILTINS.items():
            obj = getattr(sys.modules["builtins"], name)
            index[id(obj)] = (obj, "hide", reason)
        for module_name in present:
            module = sys.modules[module_name]
            for attr, reason in mw.HIDE.get(module_name, {}).items():
                obj = getattr(module, attr, None)
                if obj is not None and not _plain_value(obj):
                    index.setdefault(id(obj), (obj, "hide", reason))
            for attr in mw.WRAP.get(module_name, {}):
                obj = getattr(module, attr, None)
                if obj is not None and not _plain_value(obj) and \
                        not isinstance(obj, (set, list)):  # copies of mutable globals: by name
                    index.setdefault(id(obj), (obj, "wrap", (module_name, attr)))
        self._index_key, self._index = present, index
        return index

    def type_wraps(self) -> dict:
        """(host type, attribute) -> factory(receiver): replacements for methods of host objects
        the sandbox can reach without importing anything (a compiled pattern from Match.re), for
        the attribute guard to merge into its own method wraps."""
        return isolated(mw.type_wraps)(self.ctx)

    # -- runs -------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def running(self):
        """Around each run: the sandbox's decimal context is the thread's while sandboxed code
        runs (Decimal arithmetic reads the thread context), the host's before and after."""
        ctx = self.ctx
        ctx.running = True
        if "decimal.current" in ctx.shared:
            mw.activate_decimal(ctx)
        try:
            yield
        finally:
            ctx.running = False
            if ctx.saved_decimal is not None:
                decimal.setcontext(ctx.saved_decimal)
                ctx.saved_decimal = None


def _is_submodule(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


_TABLE_CACHE: list = []


def _table_modules() -> tuple:
    if not _TABLE_CACHE:
        _TABLE_CACHE.append(tuple(sorted(set(mw.HIDE) | set(mw.WRAP))))
    return _TABLE_CACHE[0]

