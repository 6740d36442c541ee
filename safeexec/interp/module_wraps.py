"""What a module proxy hides and what it replaces: the deny list, the per-module HIDE / KEEP_ONLY /
WRAP tables (one reason per entry) and the wrappers themselves (ATTACK-SURFACE §2a, §2b, §3).

A wrapper factory is `factory(ctx, real) -> replacement`, called once per loader (so once per
session) with the loader's `WrapContext` and the original object. Wrappers reach the current run's
meter through `ctx` at call time, never at build time: one loader outlives many runs.

Traps:
- Replacing a class by a function breaks `isinstance` and subclassing, so classes are replaced by
  *mirror* subclasses (`mirror_meta`): same name, module and repr, `isinstance(host_obj, mirror)`
  still answers for the real class, and only the consuming methods are overridden.
- Lazy adapters must not touch their input until iterated, and must raise "not iterable" at once
  (as CPython does): `ctx.lazy` calls iter() now and meters later.
- A C consumer fed a "sized" object only trusts the exact builtin types (SIZED): a sandbox class
  may lie in `__len__` and hand back `itertools.count()` from `__iter__`.
- Every refusal goes through `refuse` (a run-ending policy signal); every cost cap goes through
  the meter (`LimitHit`), so sandboxed `except` clauses see neither.

For the interpreter: `is_mirror_metaclass(meta)` (a sandbox class subclassing a mirror gets such
a metaclass), `settable_attribute(obj, name)` (`getcontext().prec = 50` on the capped context)
and `type_wraps(ctx)` (compiled patterns' methods, however the sandbox got the pattern).

Imports: stdlib, .meter, .signals and .policy (below), .guards (sandbox ownership, the attribute
guard) and .sizes (the interpreter's cost model for C calls).
"""
from __future__ import annotations

import builtins
import collections
import collections.abc
import decimal
import functools
import io
import itertools
import keyword
import math
import operator
import re
import signal
import threading
import time
import types
import weakref

from . import guards, sizes
from .meter import LimitHit
from .policy import FORBIDDEN_DEFINITIONS
from .signals import Refused

# -- caps (each bounds one uninterruptible C call; measured on CPython 3.11, ATTACK-SURFACE §3) --
EXPONENT_CAP = 10_000           # |Decimal exponent| and Fraction('..e..'): int() of 1e10000 is 2 ms
DECIMAL_MAX_PREC = 2000         # ln/exp/sqrt at prec 2000 take <= 0.15 s (2*10**4: 17 s)
INT_RESULT_BITS = 8_000_000     # math.lcm results (1 MB)
JSON_MAX_DEPTH = 1000           # the C decoder recurses per level; deep input crashes the host
MAX_ITERATOR_NESTING = 1000     # lazy adapters stacked on each other (as calls.py for map/zip)
STAT_COST = 8                   # statistics: pure-Python work per data point, in ops
PPRINT_COST = 8                 # pprint: pure-Python work per node, in ops
DEEPCOPY_COST = 4               # copy.deepcopy: pure-Python work per node, in ops

# Exact builtin types whose size bounds their iteration (never subclasses: see the module doc).
SIZED = frozenset({list, tuple, str, bytes, bytearray, dict, set, frozenset, range,
                   type({}.keys()), type({}.values()), type({}.items())})
# Values shared by identity everywhere: never matched in the identity index of hidden/wrapped
# objects.
PLAIN_TYPES = (int, float, complex, str, bytes, bool, type(None))


# ==================================================================================================
# Signals and ownership
# ==================================================================================================

def refuse(message: str):
    """End the run with a policy violation that sandboxed `except` cannot catch."""
    raise Refused(message)


def sandbox_class(cls) -> bool:
    """True for classes defined by sandboxed code (class statements, 3-argument type())."""
    return isinstance(cls, type) and guards.is_sandbox_class(cls)


def sandbox_function(fn) -> bool:
    return type(fn) is types.FunctionType and getattr(fn, "__sandboxed__", False) is True


def sandbox_owned(obj) -> bool:
    """Objects whose attributes the sandbox made: its classes, their instances, its functions."""
    if isinstance(obj, type):
        return sandbox_class(obj)
    return sandbox_function(obj) or sandbox_class(type(obj))


def register_class(cls) -> None:
    """Let the sandbox treat `cls` as its own (it was built from sandbox-supplied data only)."""
    guards.register_sandbox_class(cls)


# ==================================================================================================
# Per-loader context
# ==================================================================================================

class WrapContext:
    """State the wrappers of one loader share: the current run's meter (through `meter_getter`),
    the sandbox's own random generator and decimal context, and the attribute/call hooks the
    interpreter provides (guarded getattr, checked host call)."""

    def __init__(self, meter_getter, loader, get_attr=None, call=None) -> None:
        self.meter = meter_getter
        self.loader = loader
        self.get_attr_hook = get_attr
        self.call_hook = call
        self.shared: dict = {}
        self.running = False           # inside loader.running(): the decimal context is live
        self.saved_decimal = None      # the host thread's decimal context, while ours is live

    # -- metering -------------------------------------------------------------------------------
    def tick(self, n: int = 1) -> None:
        m = self.meter()
        if m is not None:
            m.tick(n)

    def alloc(self, nbytes: int) -> None:
        m = self.meter()
        if m is not None:
            m.alloc(nbytes)
        elif nbytes > 1 << 31:
            raise LimitHit("memory", f"memory limit exceeded: {nbytes:,} bytes requested")

    def trip(self, limit: str, message: str):
        m = self.meter()
        if m is not None:
            m.trip(limit, message)
        raise LimitHit(limit, message)

    def write(self, text: str) -> None:
        m = self.meter()
        if m is not None:
            m.write(text)

    def lazy(self, iterable, cost: int = 1):
        """An iterator over `iterable` that ticks `cost` per item at the time of iteration (with
        the meter current *then*). iter() is called now, so "not iterable" is raised at once."""
        if type(iterable) in SIZED:
            return iterable
        return _metered(self.meter, iter(iterable), cost)

    def eager(self, iterable, cost: int = 1):
        """`iterable` ready to be consumed entirely in C: exact containers are charged now."""
        if type(iterable) in SIZED:
            self.tick(cost * len(iterable) + 1)
            return iterable
        return _metered(self.meter, iter(iterable), cost)

    def nested(self, result, sources):
        """Record that lazy iterator `result` reads from `sources`; trip "depth" when such
        chains get deeper than MAX_ITERATOR_NESTING (next() through 20,000 nested adapters takes
        seconds before RecursionError, and 67,000 nested maps crash CPython)."""
        m = self.meter()
        if m is not None:
            depth = max((m.depth_of(s) for s in sources), default=0)
            m.record_depth(result, depth + 1, MAX_ITERATOR_NESTING, "iterators")
        return result

    def mapping(self, other):
        """The argument of dict.update-like C code: a dict built under the meter, or pairs."""
        if type(other) in SIZED:
            self.tick(len(other) + 1)
            return other
        if hasattr(type(other), "keys"):
            return {k: other[k] for k in _metered(self.meter, iter(other.keys()), 1)}
        return _metered(self.meter, iter(other), 1)

    # -- hooks ----------------------------------------------------------------------------------
    def get_attr(self, obj, name):
        """Read an attribute as sandboxed code would: the interpreter's hook (its guard with its
        method wraps), else the guard with str.format refused (it would read fields raw)."""
        if self.get_attr_hook is not None:
            return self.get_attr_hook(obj, name)
        return guards.get_attr(obj, name, _FALLBACK_TYPE_WRAPS)

    def call(self, fn, args, kwargs):
        """Call a host callable for sandboxed code, from host code: the interpreter's hook (its
        checked host call), else sizes.py's pre-check of the call."""
        if self.call_hook is not None:
            return self.call_hook(fn, args, kwargs)
        m = self.meter()
        if m is not None:
            sizes.check_call(fn, args, kwargs, m)
        return fn(*args, **kwargs)

    def callback(self, fn):
        """`fn` as C code may call it: sandbox functions as they are (they are metered inside),
        host callables through the interpreter's checked call."""
        if fn is None or sandbox_function(fn) or sandbox_class(fn):
            return fn
        call = self.call

        def checked(*args, **kwargs):
            return call(fn, args, kwargs)
        return checked

    def once(self, key, build):
        """A per-loader object built on first use (the random generator, the decimal context)."""
        value = self.shared.get(key)
        if value is None:
            value = self.shared[key] = build()
        return value

    def wrapped(self, module: str, name: str):
        return self.loader.wrapped_value(module, name)


def _metered(meter_getter, it, cost):
    for item in it:
        m = meter_getter()
        if m is not None:
            m.tick(cost)
        yield item


def _no_raw_format(_receiver):
    refuse("str.format is not available through operator.attrgetter/methodcaller here")


# Without the interpreter's method wraps, str.format would read fields with a raw getattr.
_FALLBACK_TYPE_WRAPS = {(str, "format"): _no_raw_format, (str, "format_map"): _no_raw_format}


# ==================================================================================================
# Mirror classes
# ==================================================================================================

_REAL_OF: "weakref.WeakKeyDictionary[type, type]" = weakref.WeakKeyDictionary()
_MIRROR_METAS: dict[type, type] = {}


def mirror_meta(real: type) -> type:
    """The metaclass of mirrors of `real`: `isinstance`/`issubclass` against a mirror answer for
    the real class (objects made by host code or by C methods are real instances).

    Trap: for ABCs, the real class's check walks its subclasses, the mirror among them, whose
    check would ask the real class again; the inner (re-entrant) question gets the plain answer."""
    base = type(real)
    meta = _MIRROR_METAS.get(base)
    if meta is None:
        def __instancecheck__(cls, obj):
            target = _REAL_OF.get(cls)
            key = (id(cls), id(obj), "i", threading.get_ident())
            if target is None or key in _CHECKING:
                return base.__instancecheck__(cls, obj)
            _CHECKING.add(key)
            try:
                return isinstance(obj, target)
            finally:
                _CHECKING.discard(key)

        def __subclasscheck__(cls, sub):
            target = _REAL_OF.get(cls)
            key = (id(cls), id(sub), "s", threading.get_ident())
            if target is None or key in _CHECKING:
                return base.__subclasscheck__(cls, sub)
            _CHECKING.add(key)
            try:
                return issubclass(sub, target)
            finally:
                _CHECKING.discard(key)

        meta = type(base.__name__, (base,), {
            "__instancecheck__": __instancecheck__, "__subclasscheck__": __subclasscheck__,
            "__module__": base.__module__, "__qualname__": base.__qualname__})
        _MIRROR_METAS[base] = meta
        _OUR_METAS.add(meta)
    return meta


# (mirror, object, kind, thread) checks in progress: the re-entrancy guard of mirror_meta.
_CHECKING: set = set()
# Every metaclass made here (mirror metas, the sandbox's EnumType): sandbox classes may use them.
_OUR_METAS: "weakref.WeakSet[type]" = weakref.WeakSet()


def is_mirror_metaclass(meta) -> bool:
    """True for the metaclasses of mirror classes: a sandbox class statement subclassing a mirror
    (`class E(json.JSONEncoder)`, `class Color(enum.Enum)`) gets one of these as its metaclass;
    they only add the isinstance delegation (and, for enums, the functional-API checks)."""
    return meta in _OUR_METAS


# Attributes sandboxed code may set on mirror instances, by mirror class: their __setattr__
# enforces the caps (decimal contexts: `getcontext().prec = 50`).
_SETTABLE: "weakref.WeakKeyDictionary[type, frozenset]" = weakref.WeakKeyDictionary()


def settable_attribute(obj, name) -> bool:
    """True when sandboxed code may set `obj.name` although obj's class is a host class."""
    allowed = _SETTABLE.get(type(obj))
    return allowed is not None and name in allowed


guards.SETTABLE_HOOKS.append(settable_attribute)


def mirrored(cls: type, real: type) -> type:
    """Finish a mirror class: the real class's name, module, qualname and doc."""
    cls.__name__ = real.__name__
    cls.__qualname__ = real.__qualname__
    cls.__module__ = real.__module__
    try:
        cls.__doc__ = real.__doc__
    except (AttributeError, TypeError):  # pragma: no cover
        pass
    _REAL_OF[cls] = real
    return cls


def is_mirror(cls) -> bool:
    return cls in _REAL_OF


def _named(fn, real):
    """Give a wrapper function the original's name (repr, error messages)."""
    fn.__name__ = getattr(real, "__name__", fn.__name__)
    fn.__qualname__ = getattr(real, "__qualname__", fn.__qualname__)
    fn.__module__ = getattr(real, "__module__", None)
    fn.__doc__ = getattr(real, "__doc__", None)
    return fn


def _int_or_none(x):
    """`x` as an int when it is one (exactly an int, or bool), else None: caps only judge ints and
    leave every other argument to the real function's own error."""
    return x if type(x) in (int, bool) else None


# ==================================================================================================
# time, random
# ==================================================================================================

def w_time_sleep(ctx, real):
    def sleep(secs, /):
        if isinstance(secs, float):
            if secs != secs:
                raise ValueError("Invalid value NaN (not a number)")
        else:
            secs = operator.index(secs)
        if secs < 0:
            raise ValueError("sleep length must be non-negative")
        m = ctx.meter()
        if m is None:
            return real(secs)
        m.tick()
        left = m.remaining_time()
        if secs <= left:
            return real(secs)
        if left > 0:
            real(left)
        m.trip("time", f"time limit exceeded: ran longer than {m.limits.timeout:g} s "
                       f"(in time.sleep({secs!r}))")
    return _named(sleep, real)


def w_random_Random(ctx, real):
    """random.Random with its allocating and looping methods charged first."""

    class Random(real, metaclass=mirror_meta(real)):
        def getrandbits(self, k, /):
            m = ctx.meter()
            if m is not None:   # randbytes(n) is getrandbits(8 * n): checked here too
                sizes.check_call(super().getrandbits, (k,), {}, m)
            return super().getrandbits(k)

        def shuffle(self, x):
            ctx.tick(1 + len(x))
            return super().shuffle(x)

        def sample(self, population, k, *, counts=None):
            n = _int_or_none(k)
            if n is not None and n > 0:
                ctx.tick(n)
                ctx.alloc(8 * n)
            if counts is not None and type(counts) not in SIZED:
                counts = list(ctx.eager(counts))
            return super().sample(population, k, counts=counts)

        def choices(self, population, weights=None, *, cum_weights=None, k=1):
            n = _int_or_none(k)
            if n is not None and n > 0:
                ctx.tick(n)
                ctx.alloc(8 * n)
            if weights is not None and type(weights) not in SIZED:
                weights = list(ctx.eager(weights))
            return super().choices(population, weights, cum_weights=cum_weights, k=k)

    return mirrored(Random, real)


def _rng(ctx):
    """The sandbox's own generator: module-level random functions are its bound methods."""
    return ctx.once("random.rng", lambda: ctx.wrapped("random", "Random")())


def w_random_function(ctx, real):
    return getattr(_rng(ctx), real.__name__)


# ==================================================================================================
# decimal, fractions
# ==================================================================================================

def _check_exponent(ctx, d, what, source=None):
    """Refuse a Decimal whose exponent is beyond the cap (`what`, and `source` if given, name it
    in the message; the repr is only built when refusing)."""
    if d.is_finite() and not d.is_zero() and not -EXPONENT_CAP <= d.adjusted() <= EXPONENT_CAP:
        shown = f"{what}({source!r:.60})" if source is not None else what
        refuse(f"{shown}: decimal exponents beyond ±{EXPONENT_CAP:,} are not supported in the "
               f"sandbox (converting them to int takes minutes)")


def _check_context_values(prec=None, Emin=None, Emax=None):
    if type(prec) is int and prec > DECIMAL_MAX_PREC:
        refuse(f"decimal precision {prec:,} is above the sandbox's limit of {DECIMAL_MAX_PREC:,}")
    if type(Emax) is int and Emax > EXPONENT_CAP:
        refuse(f"decimal Emax {Emax:,} is above the sandbox's limit of {EXPONENT_CAP:,}")
    if type(Emin) is int and Emin < -EXPONENT_CAP:
        refuse(f"decimal Emin {Emin:,} is below the sandbox's limit of {-EXPONENT_CAP:,}")


def w_decimal_Context(ctx, real):
    """decimal.Context whose precision and exponent range stay within the caps, however they are
    set (constructor, attribute, copy, copy.copy)."""

    class Context(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def __init__(self, prec=None, rounding=None, Emin=None, Emax=None, capitals=None,
                     clamp=None, flags=None, traps=None):
            Emax = EXPONENT_CAP if Emax is None else Emax
            Emin = -EXPONENT_CAP if Emin is None else Emin
            _check_context_values(prec, Emin, Emax)
            super().__init__(prec, rounding, Emin, Emax, capitals, clamp, flags, traps)

        def __setattr__(self, name, value):
            if name in ("prec", "Emin", "Emax"):
                _check_context_values(**{name: value})
            super().__setattr__(name, value)

        def copy(self):
            return type(self)(self.prec, self.rounding, self.Emin, self.Emax, self.capitals,
                              self.clamp, self.flags, self.traps)

        __copy__ = copy

        def __reduce__(self):
            return type(self), super().__reduce__()[1]

    _SETTABLE[Context] = frozenset({"prec", "rounding", "Emin", "Emax", "capitals", "clamp"})
    return mirrored(Context, real)


def _decimal_context(ctx):
    """The sandbox's current decimal context (CPython's fresh-thread default, capped)."""
    return ctx.once("decimal.current", lambda: ctx.wrapped("decimal", "Context")(
        prec=28, rounding=decimal.ROUND_HALF_EVEN, capitals=1, clamp=0, flags=[],
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow]))


def activate_decimal(ctx) -> None:
    """While a run is live, make the sandbox's context the thread's (Decimal arithmetic reads the
    thread context); the host's is restored by the loader when the run ends."""
    if ctx.running and ctx.saved_decimal is None:
        ctx.saved_decimal = decimal.getcontext()
        decimal.setcontext(_decimal_context(ctx))


def _set_decimal_context(ctx, context) -> None:
    ctx.shared["decimal.current"] = context
    if ctx.running:
        if ctx.saved_decimal is None:
            ctx.saved_decimal = decimal.getcontext()
        decimal.setcontext(context)


def _as_sandbox_context(ctx, c):
    if not isinstance(c, decimal.Context):
        raise TypeError("argument must be a context")
    Context = ctx.wrapped("decimal", "Context")
    if type(c) is Context:
        return c
    return Context(c.prec, c.rounding, c.Emin, c.Emax, c.capitals, c.clamp, c.flags, c.traps)


def w_decimal_getcontext(ctx, real):
    def getcontext():
        activate_decimal(ctx)
        return _decimal_context(ctx)
    return _named(getcontext, real)


def w_decimal_setcontext(ctx, real):
    def setcontext(context, /):
        c = _as_sandbox_context(ctx, context)
        if any(c is ctx.wrapped("decimal", name) for name in ("BasicContext", "ExtendedContext")):
            c = c.copy()  # CPython copies the template contexts too
        _set_decimal_context(ctx, c)
    return _named(setcontext, real)


def w_decimal_localcontext(wc, real):
    class _LocalContext:
        """Like decimal's context manager, on the sandbox's context."""

        __slots__ = ("_ctx", "_saved")

        def __init__(self, local) -> None:
            self._ctx, self._saved = local, None

        def __enter__(self):
            self._saved = _decimal_context(wc)
            _set_decimal_context(wc, self._ctx)
            return self._ctx

        def __exit__(self, *exc):
            _set_decimal_context(wc, self._saved)

    def localcontext(ctx=None, **kwargs):
        base = _decimal_context(wc) if ctx is None else _as_sandbox_context(wc, ctx)
        local = base.copy()
        for key, value in kwargs.items():
            if key not in ("prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags",
                           "traps"):
                raise TypeError(f"'{key}' is an invalid keyword argument for this function")
            setattr(local, key, value)
        return _LocalContext(local)
    return _named(localcontext, real)


def w_decimal_template(ctx, real):
    """BasicContext / ExtendedContext: per-sandbox copies (the originals are process-wide), with
    the exponent range clamped to the caps."""
    return ctx.wrapped("decimal", "Context")(
        real.prec, real.rounding, max(real.Emin, -EXPONENT_CAP), min(real.Emax, EXPONENT_CAP),
        real.capitals, real.clamp, real.flags, real.traps)


def w_decimal_Decimal(ctx, real):
    class Decimal(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def __new__(cls, value="0", context=None):
            d = super().__new__(cls, value, context)
            _check_exponent(ctx, d, "Decimal", value)
            activate_decimal(ctx)
            return d

    return mirrored(Decimal, real)


_FRACTION_EXPONENT = re.compile(r"[eE]\s*([-+]?)0*([0-9_]*)")


def _check_fraction_input(ctx, x):
    if isinstance(x, str):
        m = _FRACTION_EXPONENT.search(x)
        digits = m.group(2).replace("_", "") if m else ""
        if digits and (len(digits) > 6 or int(digits) > EXPONENT_CAP):
            refuse(f"Fraction({x[:40]!r}): exponents beyond ±{EXPONENT_CAP:,} are not supported "
                   f"in the sandbox")
    elif isinstance(x, decimal.Decimal):
        _check_exponent(ctx, x, "Fraction(Decimal)")


def w_fractions_Fraction(ctx, real):
    class Fraction(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def __new__(cls, numerator=0, denominator=None, **kwargs):
            _check_fraction_input(ctx, numerator)
            return super().__new__(cls, numerator, denominator, **kwargs)

        @classmethod
        def from_decimal(cls, dec):
            _check_fraction_input(ctx, dec)
            return super().from_decimal(dec)

    return mirrored(Fraction, real)


# ==================================================================================================
# math, hashlib
# ==================================================================================================

def charge_ns(ctx, ns: float, what: str) -> None:
    """Charge estimated C time as ops (sizes.py's model: one op per NS_PER_OP), and trip before
    the work when it cannot fit in the ops budget or before the deadline."""
    m = ctx.meter()
    ops = int(min(ns, 1e30)) // sizes.NS_PER_OP
    if m is None or ops <= 0:
        return
    if m.ops + ops > m.max_ops:
        m.trip("ops", f"operation limit exceeded: {what} would cost about {ops:,} operations "
                      f"(limit {m.max_ops:,})")
    m.tick(ops)
    if ops >= 10_000 and ns * 1e-9 > m.remaining_time():
        m.trip("time", f"time limit exceeded: {what} would run past the deadline "
                       f"({m.limits.timeout:g} s)")


def w_math_checked(ctx, real):
    """factorial, comb, perm, isqrt: sizes.py's cost estimate before the call, also when C code
    (map, reduce...) calls them; a plain call would be checked by the interpreter already, but a
    call from C would not."""
    def checked(*args):
        m = ctx.meter()
        if m is not None:
            sizes.check_call(real, args, {}, m)
        return real(*args)
    return _named(checked, real)


def w_math_prod(ctx, real):
    def prod(iterable, /, *, start=1):
        # math.prod multiplies left to right with PyNumber_Multiply: the same as this loop, but
        # here each step is size-checked and charged (the C loop is quadratic and silent).
        result = start
        for x in ctx.lazy(iterable):
            m = ctx.meter()
            if m is not None:
                m.tick()
                sizes.check_binop("Mult", result, x, m)
            result = result * x
        return result
    return _named(prod, real)


def w_math_lcm(ctx, real):
    def lcm(*integers):
        ctx.tick(1 + len(integers))
        bits = sum(abs(i).bit_length() for i in integers if type(i) is int)
        if bits > INT_RESULT_BITS:
            ctx.trip("memory", f"memory limit exceeded: math.lcm() result may exceed "
                               f"{INT_RESULT_BITS:,} bits")
        # each step multiplies the running result (up to `bits`) by one argument
        charge_ns(ctx, 0.02 * bits * len(integers), "math.lcm()")
        return real(*integers)
    return _named(lcm, real)


def w_math_fsum(ctx, real):
    def fsum(seq, /):
        return real(ctx.eager(seq))
    return _named(fsum, real)


PBKDF2_NS_PER_ROUND = 200       # sha256: 10**6 rounds in 0.19 s; sha512 is slower per round
SCRYPT_NS_PER_BYTE = 3          # n=2**17, r=8, p=1 (128 MiB mixed) in 0.39 s


def w_hashlib_pbkdf2_hmac(ctx, real):
    def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
        rounds, size = _int_or_none(iterations), _int_or_none(dklen)
        blocks = 1 if size is None or size <= 0 else -(-size // 20)   # sha1's 20 bytes: worst case
        if rounds is not None and rounds > 0:
            charge_ns(ctx, 2 * PBKDF2_NS_PER_ROUND * rounds * blocks, "hashlib.pbkdf2_hmac()")
        if size is not None and size > 0:
            ctx.alloc(size)
        return real(hash_name, password, salt, iterations, dklen)
    return _named(pbkdf2_hmac, real)


def w_hashlib_scrypt(ctx, real):
    def scrypt(password, *, salt=None, n=None, r=None, p=None, maxmem=0, dklen=64):
        N, R, P = (_int_or_none(v) for v in (n, r, p))
        if None not in (N, R, P) and min(N, R, P) > 0:
            ctx.alloc(128 * N * R + 128 * R * P)
            charge_ns(ctx, SCRYPT_NS_PER_BYTE * 128 * N * R * P, "hashlib.scrypt()")
        if _int_or_none(dklen) is not None and dklen > 0:
            ctx.alloc(dklen)
        return real(password, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)
    return _named(scrypt, real)


# ==================================================================================================
# itertools, functools, operator, heapq
# ==================================================================================================

def _lazy_type(positions, keywords=(), callbacks=()):
    """Mirror factory for an itertools type whose arguments at `positions` (or "*": all) are
    iterables consumed lazily in C, and whose arguments at `callbacks` are callables C calls."""
    def factory(ctx, real):
        class Lazy(real, metaclass=mirror_meta(real)):
            __slots__ = ()

            def __new__(cls, *args, **kwargs):
                originals = args
                wrapped = tuple(ctx.lazy(a) if positions == "*" or i in positions
                                else ctx.callback(a) if i in callbacks else a
                                for i, a in enumerate(args))
                for key in keywords:
                    if key in kwargs:
                        kwargs[key] = ctx.lazy(kwargs[key])
                if kwargs.get("func") is not None:          # accumulate(func=...)
                    kwargs["func"] = ctx.callback(kwargs["func"])
                if kwargs.get("key") is not None:           # groupby(key=...)
                    kwargs["key"] = ctx.callback(kwargs["key"])
                return ctx.nested(super().__new__(cls, *wrapped, **kwargs),
                                  originals + tuple(kwargs.values()))

        if real is itertools.chain:
            def from_iterable(cls, iterable):
                return ctx.nested(super(Lazy, cls).from_iterable(
                    ctx.lazy(x) for x in ctx.lazy(iterable)), (iterable,))
            Lazy.from_iterable = classmethod(from_iterable)
        return mirrored(Lazy, real)
    return factory


def _pool(ctx, iterable):
    return tuple(ctx.eager(iterable))


def _charge_slots(ctx, n):
    """An index array of `n` machine words that C fills before yielding anything."""
    if n is not None and n > 0:
        ctx.tick(n)
        ctx.alloc(8 * n)


def w_itertools_product(ctx, real):
    class product(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def __new__(cls, *iterables, **kwargs):
            pools = [_pool(ctx, it) for it in iterables]
            repeat = _int_or_none(kwargs.get("repeat", 1))
            if repeat is not None:
                _charge_slots(ctx, len(pools) * repeat)
            return super().__new__(cls, *pools, **kwargs)
    return mirrored(product, real)


def _r_combinatoric(default_r_is_n):
    def factory(ctx, real):
        class Combinatoric(real, metaclass=mirror_meta(real)):
            __slots__ = ()

            def __new__(cls, iterable, *args, **kwargs):
                pool = _pool(ctx, iterable)
                r = args[0] if args else kwargs.get("r", None if default_r_is_n else 0)
                _charge_slots(ctx, len(pool) + (_int_or_none(r) or 0))
                return super().__new__(cls, pool, *args, **kwargs)
        return mirrored(Combinatoric, real)
    return factory


def w_itertools_tee(ctx, real):
    def tee(iterable, n=2, /):
        _charge_slots(ctx, _int_or_none(n))
        copies = real(ctx.lazy(iterable), n)
        for copy_ in copies:
            ctx.nested(copy_, (iterable,))
        return copies
    return _named(tee, real)


def w_functools_partial(ctx, real):
    """partial objects are called by C code (map, sorted, callbacks): the call goes through the
    interpreter's checked host call, as `func(*args)` written out would."""
    class partial(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def __call__(self, /, *args, **kwargs):
            return ctx.call(self.func, self.args + args, {**self.keywords, **kwargs})

        def __repr__(self):
            text = super().__repr__()   # a heap subclass's tp_name lacks "functools."
            return f"functools.{text}" if type(self) is partial else text

    return mirrored(partial, real)


def w_functools_reduce(ctx, real):
    def reduce(function, iterable, *initial):
        return real(ctx.callback(function), ctx.eager(iterable), *initial)
    return _named(reduce, real)


def w_functools_update_wrapper(ctx, real):
    default_assigned, default_updated = real.__defaults__

    def update_wrapper(wrapper, wrapped, assigned=default_assigned, updated=default_updated):
        if tuple(assigned) != default_assigned or tuple(updated) != default_updated:
            refuse("functools.update_wrapper/wraps: only the default 'assigned' and 'updated' "
                   "are allowed in the sandbox (they copy attributes by name)")
        if not sandbox_owned(wrapper):
            refuse("functools.update_wrapper/wraps can only update functions and classes "
                   "defined in the sandbox")
        if isinstance(wrapped, type) and not sandbox_owned(wrapped):
            # the default updated=('__dict__',) would copy a host class's raw namespace (slot
            # wrappers such as object.__getattribute__) into the sandbox's object
            refuse("functools.update_wrapper/wraps can only wrap functions, or classes defined "
                   "in the sandbox")
        return real(wrapper, wrapped)
    return _named(update_wrapper, real)


def w_functools_wraps(ctx, real):
    def wraps(wrapped, assigned=real.__defaults__[0], updated=real.__defaults__[1]):
        update_wrapper = ctx.wrapped("functools", "update_wrapper")

        def decorator(wrapper):
            return update_wrapper(wrapper, wrapped, assigned, updated)
        return decorator
    return _named(wraps, real)


def _sandbox_class_only(what):
    def factory(ctx, real):
        def wrapper(cls, *args, **kwargs):
            if not sandbox_class(cls):
                refuse(f"{what} can only be applied to classes defined in the sandbox")
            return real(cls, *args, **kwargs)
        return _named(wrapper, real)
    return factory


def w_functools_singledispatch(ctx, real):
    def singledispatch(func):
        dispatcher = real(func)
        register = dispatcher.register

        def checked_register(cls, func=None):
            if not isinstance(cls, (type, types.UnionType)):
                refuse("singledispatch register() needs the class as its first argument in the "
                       "sandbox (annotations are not evaluated)")
            return register(cls, func)
        dispatcher.register = _named(checked_register, register)
        return dispatcher
    return _named(singledispatch, real)


def _guarded_getter(ctx, dotted):
    names = dotted.split(".")

    def get(obj):
        for name in names:
            obj = ctx.get_attr(obj, name)
        return obj
    return get


def w_operator_attrgetter(ctx, real):
    class attrgetter:
        """operator.attrgetter reading every dotted name through the sandbox's attribute guard."""

        __slots__ = ("_getters", "_names")

        def __init__(self, attr, /, *attrs) -> None:
            names = (attr,) + attrs
            for name in names:
                if not isinstance(name, str):
                    raise TypeError("attribute name must be a string")
            self._names = names
            self._getters = tuple(_guarded_getter(ctx, name) for name in names)

        def __call__(self, obj, /):
            if len(self._getters) == 1:
                return self._getters[0](obj)
            return tuple(get(obj) for get in self._getters)

        def __repr__(self) -> str:
            return f"operator.attrgetter({', '.join(map(repr, self._names))})"

    attrgetter.__module__ = "operator"
    return attrgetter


def w_operator_methodcaller(ctx, real):
    class methodcaller:
        """operator.methodcaller: the method is read through the guard and called through the
        interpreter's checked call."""

        __slots__ = ("_name", "_args", "_kwargs")

        def __init__(self, name, /, *args, **kwargs) -> None:
            if not isinstance(name, str):
                raise TypeError("method name must be a string")
            self._name, self._args, self._kwargs = name, args, kwargs

        def __call__(self, obj, /):
            return ctx.call(ctx.get_attr(obj, self._name), self._args, dict(self._kwargs))

        def __repr__(self) -> str:
            parts = [repr(self._name), *map(repr, self._args),
                     *(f"{k}={v!r}" for k, v in self._kwargs.items())]
            return f"operator.methodcaller({', '.join(parts)})"

    methodcaller.__module__ = "operator"
    return methodcaller


# operator function name -> the ast operator class name sizes.check_binop knows.
OPERATOR_BINOPS = {
    "add": "Add", "iadd": "Add", "concat": "Add", "iconcat": "Add", "sub": "Sub", "isub": "Sub",
    "mul": "Mult", "imul": "Mult", "truediv": "Div", "itruediv": "Div", "floordiv": "FloorDiv",
    "ifloordiv": "FloorDiv", "mod": "Mod", "imod": "Mod", "pow": "Pow", "ipow": "Pow",
    "lshift": "LShift", "ilshift": "LShift", "rshift": "RShift", "irshift": "RShift",
    "and_": "BitAnd", "iand": "BitAnd", "or_": "BitOr", "ior": "BitOr", "xor": "BitXor",
    "ixor": "BitXor", "matmul": "MatMult", "imatmul": "MatMult",
}
_IN_PLACE_EXTEND = {"iadd", "iconcat", "ior", "iand", "ixor", "isub"}


def w_operator_binop(ctx, real):
    op = OPERATOR_BINOPS[real.__name__]
    extends = real.__name__ in _IN_PLACE_EXTEND

    def binop(a, b, /):
        if extends and type(b) not in SIZED:
            if isinstance(a, (list, bytearray)):
                b = list(ctx.eager(b))
            elif isinstance(a, dict):
                b = ctx.mapping(b)
        m = ctx.meter()
        if m is not None:
            sizes.check_binop(op, a, b, m)
        return real(a, b)
    return _named(binop, real)


def _search(ctx, a, b):
    """Yield (index, found) over `a` as C's sequence search would, one op per item."""
    for i, x in enumerate(ctx.lazy(a)):
        if x is b or x == b:
            yield i


def w_operator_contains(ctx, real):
    def contains(a, b, /):
        t = type(a)
        if t is range and type(b) not in (int, bool):
            ctx.tick(1 + len(a))
        elif t in (list, tuple, str, bytes, bytearray):
            ctx.tick(1 + len(a) // 16)
        elif t not in SIZED and not hasattr(t, "__contains__"):
            return any(True for _ in _search(ctx, a, b))
        return real(a, b)
    return _named(contains, real)


def w_operator_countOf(ctx, real):
    def countOf(a, b, /):
        return sum(1 for _ in _search(ctx, a, b))
    return _named(countOf, real)


def w_operator_indexOf(ctx, real):
    def indexOf(a, b, /):
        for i in _search(ctx, a, b):
            return i
        raise ValueError("sequence.index(x): x not in sequence")
    return _named(indexOf, real)


def w_heapq_heapify(ctx, real):
    def heapify(heap, /):
        if type(heap) is list:
            ctx.tick(1 + len(heap))
        return real(heap)
    return _named(heapify, real)


def w_heapq_select(ctx, real):
    def select(n, iterable, key=None):
        return real(n, ctx.eager(iterable), key=ctx.callback(key))
    return _named(select, real)


def w_heapq_merge(ctx, real):
    def merge(*iterables, key=None, reverse=False):
        return ctx.nested(real(*(ctx.lazy(it) for it in iterables), key=ctx.callback(key),
                               reverse=reverse), iterables)
    return _named(merge, real)


# ==================================================================================================
# collections, queue, array, struct, io
# ==================================================================================================

def w_collections_deque(ctx, real):
    class deque(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def __init__(self, iterable=(), maxlen=None):
            super().__init__(ctx.eager(iterable), maxlen)

        def extend(self, iterable, /):
            super().extend(list(ctx.eager(self)) if iterable is self else ctx.eager(iterable))

        def extendleft(self, iterable, /):
            super().extendleft(list(ctx.eager(self)) if iterable is self
                               else ctx.eager(iterable))

        def __iadd__(self, other, /):
            return super().__iadd__(list(ctx.eager(self)) if other is self else ctx.eager(other))

    return mirrored(deque, real)


def _counter_arg(ctx, x):
    if x is None or type(x) in SIZED:
        return x if x is None else ctx.eager(x)
    if isinstance(x, collections.abc.Mapping):
        return dict(ctx.lazy(x.items()))
    return ctx.lazy(x)


def w_collections_Counter(ctx, real):
    class Counter(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def update(self, iterable=None, /, **kwds):
            super().update(_counter_arg(ctx, iterable), **kwds)

        def subtract(self, iterable=None, /, **kwds):
            super().subtract(_counter_arg(ctx, iterable), **kwds)

    return mirrored(Counter, real)


def _dict_like(init_skip):
    """Mirror factory for dict-like types whose constructor, update, |= and fromkeys consume
    their argument in C (or in a Python loop that the meter does not see)."""
    def factory(ctx, real):
        class DictLike(real, metaclass=mirror_meta(real)):
            __slots__ = ()

            def __init__(self, *args, **kwargs):
                args = args[:init_skip] + tuple(ctx.mapping(a) for a in args[init_skip:])
                super().__init__(*args, **kwargs)

            def update(self, *args, **kwargs):
                super().update(*(ctx.mapping(a) for a in args), **kwargs)

            def __ior__(self, other, /):
                return super().__ior__(ctx.mapping(other))

            @classmethod
            def fromkeys(cls, iterable, *value):
                return super().fromkeys(ctx.eager(iterable), *value)

        return mirrored(DictLike, real)
    return factory


def w_collections_UserDict(ctx, real):
    class UserDict(real, metaclass=mirror_meta(real)):
        def update(self, other=(), /, **kwds):
            super().update(ctx.mapping(other), **kwds)

        def __ior__(self, other, /):
            self.data |= ctx.mapping(other)
            return self

        @classmethod
        def fromkeys(cls, iterable, value=None):
            return super().fromkeys(ctx.eager(iterable), value)

    return mirrored(UserDict, real)


def w_collections_UserList(ctx, real):
    def fix(ctx_, other):
        return other if isinstance(other, (list, real)) else list(ctx_.eager(other))

    class UserList(real, metaclass=mirror_meta(real)):
        def __init__(self, initlist=None):
            super().__init__(None if initlist is None else fix(ctx, initlist))

        def extend(self, other):
            super().extend(fix(ctx, other))

        def __iadd__(self, other):
            return super().__iadd__(fix(ctx, other))

        def __add__(self, other):
            return super().__add__(fix(ctx, other))

        def __radd__(self, other):
            return super().__radd__(fix(ctx, other))

    return mirrored(UserList, real)


def w_collections_namedtuple(ctx, real):
    def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
        if not isinstance(field_names, str):
            field_names = list(ctx.eager(field_names))
        if defaults is not None:
            defaults = tuple(ctx.eager(defaults))
        cls = real(typename, field_names, rename=rename, defaults=defaults,
                   module="__main__" if module is None else module)
        register_class(cls)  # its _asdict/_replace/_fields are the sandbox's own class's
        return cls
    return _named(namedtuple, real)


def _deadline_wait(ctx, block, timeout):
    """(block, timeout) for a blocking queue call: never past the run's deadline. Returns also
    whether hitting that bound means the run is out of time (the caller asked for longer)."""
    m = ctx.meter()
    if not block or m is None:
        return block, timeout, False
    left = max(m.remaining_time(), 0.0)
    if timeout is None or timeout > left:
        return True, left, True
    return True, timeout, False


def _blocking_queue(has_join):
    def factory(ctx, real):
        import queue as queue_module

        class Queue(real, metaclass=mirror_meta(real)):
            def get(self, block=True, timeout=None):
                block, wait, cut = _deadline_wait(ctx, block, timeout)
                try:
                    return super().get(block, wait)
                except queue_module.Empty:
                    if cut:
                        ctx.meter().trip("time", "time limit exceeded: queue.get() blocked "
                                                 "until the deadline (no other thread can put)")
                    raise

            if has_join:
                def put(self, item, block=True, timeout=None):
                    block, wait, cut = _deadline_wait(ctx, block, timeout)
                    try:
                        return super().put(item, block, wait)
                    except queue_module.Full:
                        if cut:
                            ctx.meter().trip("time", "time limit exceeded: queue.put() blocked "
                                                     "until the deadline")
                        raise

                def join(self):
                    with self.all_tasks_done:
                        while self.unfinished_tasks:
                            _, wait, _ = _deadline_wait(ctx, True, None)
                            if not self.all_tasks_done.wait(wait):
                                ctx.trip("time", "time limit exceeded: queue.join() waited "
                                                 "until the deadline")

        return mirrored(Queue, real)
    return factory


def w_array_array(ctx, real):
    class array(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def __new__(cls, typecode, initializer=None, /):
            if initializer is None:
                return super().__new__(cls, typecode)
            if not isinstance(initializer, (str, bytes, bytearray, list, real)):
                initializer = list(ctx.eager(initializer))
            else:
                ctx.tick(1 + len(initializer) // 16)
            return super().__new__(cls, typecode, initializer)

        def extend(self, iterable, /):
            super().extend(iterable if isinstance(iterable, real) else list(ctx.eager(iterable)))

        def _repeat_check(self, n):
            if _int_or_none(n) is not None and n > 0:
                ctx.alloc(len(self) * self.itemsize * n)

        def __mul__(self, n, /):
            self._repeat_check(n)
            return super().__mul__(n)

        def __rmul__(self, n, /):
            self._repeat_check(n)
            return super().__rmul__(n)

        def __imul__(self, n, /):
            self._repeat_check(n)
            return super().__imul__(n)

    return mirrored(array, real)


_STRUCT_ITEM = re.compile(r"(\d*)([xcbB?hHiIlLqQnNefdspP])")


def _check_struct_format(ctx, fmt):
    import struct
    try:
        size = struct.calcsize(fmt)
    except Exception:  # the real call reports the bad format with CPython's own error
        return
    text = fmt.decode("latin-1") if isinstance(fmt, (bytes, bytearray)) else str(fmt)
    items = sum(1 if code in "sp" else int(count or 1)
                for count, code in _STRUCT_ITEM.findall(text) if code != "x")
    ctx.alloc(size + 32 * items)
    ctx.tick(1 + items + size // 4096)


def w_struct_function(ctx, real):
    def function(fmt, /, *args):
        _check_struct_format(ctx, fmt)
        return real(fmt, *args)
    return _named(function, real)


def w_struct_Struct(ctx, real):
    class Struct(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def __init__(self, format, /):  # noqa: A002 - mirrors struct.Struct
            _check_struct_format(ctx, format)
            super().__init__(format)

    return mirrored(Struct, real)


def w_io_buffered(ctx, real):
    """Buffered* allocate `buffer_size` bytes (per stream) up front."""
    streams = 2 if real is io.BufferedRWPair else 1

    class Buffered(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        def __init__(self, *args, **kwargs):
            size = _int_or_none(kwargs.get("buffer_size", args[streams] if len(args) > streams
                                           else None))
            if size is not None and size > 0:
                ctx.alloc(size * streams)
            super().__init__(*args, **kwargs)

    return mirrored(Buffered, real)


# ==================================================================================================
# statistics
# ==================================================================================================

def _stat_data(ctx, data):
    """The data of a statistics function: charged per point, Decimals' exponents checked (their
    exact ratio is a big-int power of ten)."""
    if type(data) in SIZED:
        ctx.tick(1 + STAT_COST * len(data))
        items = data
    else:
        items = list(ctx.lazy(data, STAT_COST))
    if any(map(isinstance, items, itertools.repeat(decimal.Decimal))):
        for x in items:
            if isinstance(x, decimal.Decimal):
                _check_exponent(ctx, x, "statistics")
    return items


def _stat_function(n_data):
    def factory(ctx, real):
        def stat(*args, **kwargs):
            args = tuple(_stat_data(ctx, a) if i < n_data and a is not None else a
                         for i, a in enumerate(args))
            if kwargs.get("weights") is not None:
                kwargs["weights"] = _stat_data(ctx, kwargs["weights"])
            n = _int_or_none(kwargs.get("n"))
            if n is not None and n > 0:       # quantiles(n=...) builds n-1 cut points
                ctx.tick(n)
                ctx.alloc(8 * n)
            return real(*args, **kwargs)
        return _named(stat, real)
    return factory


def w_statistics_NormalDist(ctx, real):
    import random as random_module

    class NormalDist(real, metaclass=mirror_meta(real)):
        __slots__ = ()

        @classmethod
        def from_samples(cls, data):
            return super().from_samples(_stat_data(ctx, data))

        def samples(self, n, *, seed=None):
            k = _int_or_none(n)
            if k is not None and k > 0:
                ctx.tick(k)
                ctx.alloc(24 * k)
            # As CPython, but the module-level generator is the sandbox's own.
            gauss = _rng(ctx).gauss if seed is None else random_module.Random(seed).gauss
            mu, sigma = self.mean, self.stdev
            return [gauss(mu, sigma) for _ in itertools.repeat(None, n)]

    return mirrored(NormalDist, real)


# ==================================================================================================
# json, pprint, copy: size walks
# ==================================================================================================

_CONTAINERS = (list, tuple, dict, set, frozenset, collections.deque)


def estimate_output(ctx, obj, cost=1, per_level=0, per_item=2, memo=False):
    """Walk the builtin containers in `obj` as a serialiser would (shared references counted
    again unless `memo`; a cycle ends the walk, the real call then reports it), charging `cost`
    per node *before* looking at a container's children, and trip the memory limit when the
    estimated output exceeds it. With `memo` (deepcopy) instances of sandbox classes are walked
    through their __dict__ too. Returns the estimate."""
    m = ctx.meter()
    budget = m.max_memory if m is not None else 1 << 31
    size, path, seen = 0, set(), set()
    stack = [(obj, 0)]
    ctx.tick(cost)
    while stack:
        x, depth = stack.pop()
        if depth < 0:
            path.discard(x)
            continue
        t = type(x)
        if t is str or t is bytes or t is bytearray:
            size += len(x) + per_item
        elif isinstance(x, _CONTAINERS) or (memo and sandbox_class(t)):
            key = id(x)
            if key in path:
                return size
            if memo:
                if key in seen:
                    continue
                seen.add(key)
            if isinstance(x, dict):
                n, children = 2 * len(x), itertools.chain.from_iterable(x.items())
            elif isinstance(x, _CONTAINERS):
                n, children = len(x), x
            else:
                try:
                    attrs = object.__getattribute__(x, "__dict__")
                except AttributeError:
                    attrs = {}
                n, children = len(attrs), attrs.values()
            ctx.tick(cost * n)              # trips before anything is done per child
            size += 2 + (per_level * (depth + 1) + per_item) * n
            path.add(key)
            stack.append((key, -1))
            for child in children:
                if type(child) in _ATOMS:
                    size += 8
                else:
                    stack.append((child, depth + 1))
        else:
            size += 8 + per_item
        if size > budget:
            ctx.trip("memory", f"memory limit exceeded: output of about {size:,} bytes")
    return size


_ATOMS = frozenset({int, float, bool, complex, type(None)})


def _indent_width(indent):
    if isinstance(indent, str):
        return len(indent)
    n = _int_or_none(indent)
    return max(n, 0) if n is not None else 0


def _check_json_cls(ctx, cls):
    if cls is None or is_mirror(cls) or sandbox_class(cls):
        return
    refuse("json: cls= must be a class defined in the sandbox (a subclass of json.JSONEncoder "
           "or json.JSONDecoder)")


# Everything but the brackets outside strings, in one pass: a whole string (the unrolled,
# possessive form: 2.5x faster than `"(?:[^"\\]|\\.)*"` then a second pass), a run of other
# characters, or a lone quote (an unterminated string, as the two-pass form left it).
_JSON_NOT_BRACKET = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|[^\[\]{}"]++|"', re.S)
_JSON_NOT_BRACKET_B = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"|[^\[\]{}"]++|"', re.S)
_JSON_DELTA = {"[": 1, "{": 1, "]": -1, "}": -1, 91: 1, 123: 1, 93: -1, 125: -1}


def check_json_depth(ctx, s, limit=JSON_MAX_DEPTH):
    """Refuse JSON nested deeper than `limit` (the C decoder recurses per level)."""
    if isinstance(s, str):
        empty, others = "", _JSON_NOT_BRACKET
    elif isinstance(s, (bytes, bytearray)):
        s, empty, others = bytes(s), b"", _JSON_NOT_BRACKET_B
    else:
        return
    ctx.tick(1 + len(s) // 64)
    opens = s.count("[") + s.count("{") if empty == "" else s.count(b"[") + s.count(b"{")
    if opens <= limit:
        return
    brackets = others.sub(empty, s)
    depth = max(itertools.accumulate(map(_JSON_DELTA.__getitem__, brackets)), default=0)
    if depth > limit:
        raise ValueError(f"JSON nested {depth:,} levels deep: the sandbox decodes at most "
                         f"{limit:,} levels")


def _json_hooks(ctx, kwargs, names):
    for name in names:
        if kwargs.get(name) is not None:
            kwargs[name] = ctx.callback(kwargs[name])


_DECODE_HOOKS = ("object_hook", "object_pairs_hook", "parse_float", "parse_int",
                 "parse_constant")


def w_json_loads(ctx, real):
    def loads(s, *, cls=None, **kwargs):
        _check_json_cls(ctx, cls)
        check_json_depth(ctx, s)
        _json_hooks(ctx, kwargs, _DECODE_HOOKS)
        return real(s, cls=cls, **kwargs)
    return _named(loads, real)


def w_json_load(ctx, real):
    def load(fp, *, cls=None, **kwargs):
        return ctx.wrapped("json", "loads")(fp.read(), cls=cls, **kwargs)
    return _named(load, real)


def _json_encode_check(ctx, obj, kwargs):
    _check_json_cls(ctx, kwargs.get("cls"))
    _json_hooks(ctx, kwargs, ("default",))
    estimate_output(ctx, obj, per_level=_indent_width(kwargs.get("indent")), per_item=4)


def w_json_dumps(ctx, real):
    def dumps(obj, **kwargs):
        _json_encode_check(ctx, obj, kwargs)
        return real(obj, **kwargs)
    return _named(dumps, real)


def w_json_dump(ctx, real):
    def dump(obj, fp, **kwargs):
        _json_encode_check(ctx, obj, kwargs)
        return real(obj, fp, **kwargs)
    return _named(dump, real)


def w_json_JSONDecoder(ctx, real):
    class JSONDecoder(real, metaclass=mirror_meta(real)):
        def decode(self, s, *args, **kwargs):
            check_json_depth(ctx, s)
            return super().decode(s, *args, **kwargs)

        def raw_decode(self, s, *args, **kwargs):
            check_json_depth(ctx, s)
            return super().raw_decode(s, *args, **kwargs)

    return mirrored(JSONDecoder, real)


def w_json_JSONEncoder(ctx, real):
    class JSONEncoder(real, metaclass=mirror_meta(real)):
        def encode(self, o):
            estimate_output(ctx, o, per_level=_indent_width(self.indent), per_item=4)
            return super().encode(o)

        def iterencode(self, o, *args, **kwargs):
            estimate_output(ctx, o, per_level=_indent_width(self.indent), per_item=4)
            return super().iterencode(o, *args, **kwargs)

    return mirrored(JSONEncoder, real)


class _SandboxStream:
    """A write-only stream onto the sandbox's printed output (pprint's default stream)."""

    __slots__ = ("_ctx",)

    def __init__(self, ctx) -> None:
        self._ctx = ctx

    def write(self, text) -> int:
        self._ctx.write(str(text))
        return len(text)

    def flush(self) -> None:
        pass


def _pprint_check(ctx, obj, indent=1):
    estimate_output(ctx, obj, cost=PPRINT_COST, per_level=_indent_width(indent), per_item=2)


def w_pprint_PrettyPrinter(ctx, real):
    class PrettyPrinter(real, metaclass=mirror_meta(real)):
        def __init__(self, indent=1, width=80, depth=None, stream=None, **kwargs):
            super().__init__(indent, width, depth,
                             _SandboxStream(ctx) if stream is None else stream, **kwargs)

        def pformat(self, object):  # noqa: A002 - mirrors PrettyPrinter
            _pprint_check(ctx, object, self._indent_per_level)
            return super().pformat(object)

    return mirrored(PrettyPrinter, real)


def w_pprint_pprint(ctx, real):
    def pprint(object, stream=None, indent=1, width=80, depth=None, **kwargs):  # noqa: A002
        printer = ctx.wrapped("pprint", "PrettyPrinter")(indent, width, depth, stream, **kwargs)
        printer.pprint(object)
    return _named(pprint, real)


def w_pprint_pp(ctx, real):
    def pp(object, *args, sort_dicts=False, **kwargs):  # noqa: A002
        ctx.wrapped("pprint", "pprint")(object, *args, sort_dicts=sort_dicts, **kwargs)
    return _named(pp, real)


def w_pprint_walked(ctx, real):
    """pformat/saferepr/isreadable/isrecursive: pure-Python walks, charged per node first."""
    takes_indent = real.__name__ == "pformat"

    def walked(object, *args, **kwargs):  # noqa: A002
        indent = kwargs.get("indent", args[0] if args and takes_indent else 1)
        _pprint_check(ctx, object, indent)
        return real(object, *args, **kwargs)
    return _named(walked, real)


def w_copy_deepcopy(ctx, real):
    def deepcopy(x, memo=None):
        estimate_output(ctx, x, cost=DEEPCOPY_COST, per_item=8, memo=True)
        return real(x, memo)
    return _named(deepcopy, real)


# ==================================================================================================
# re, textwrap, csv, calendar
# ==================================================================================================

def _re_flags_ok(flags):
    if isinstance(flags, int) and flags & re.DEBUG:
        refuse("re.DEBUG prints to the host's standard output; it is not available in the "
               "sandbox")


LONG_SUBJECT = 1000     # a single repeat can still be quadratic: re.search('a+b', 'a'*10**5): 8.6 s


@functools.lru_cache(maxsize=512)
def _regex_risk(pattern, flags) -> int:
    """0: no repeat; 1: repeats (polynomial backtracking on long subjects); 2: a repeat over a
    repeat, a branch or a backreference (exponential on short subjects: ((a+)+)+$ takes 2 s on
    12 characters). Parse errors are left to the real call (risk 0)."""
    try:
        tree = re._parser.parse(pattern, flags)
    except Exception:
        return 0
    risk = 0

    def walk(items, inside_repeat):
        nonlocal risk
        for op, av in items:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                lo, hi, sub = av
                if inside_repeat:
                    risk = 2
                risk = max(risk, 1)
                walk(sub, inside_repeat or hi > 1)
            elif name in ("GROUPREF", "GROUPREF_EXISTS"):
                risk = 2
                if name == "GROUPREF_EXISTS":
                    for sub in av[1:]:
                        if sub:
                            walk(sub, inside_repeat)
            elif name == "BRANCH":
                if inside_repeat:
                    risk = 2
                for sub in av[1]:
                    walk(sub, inside_repeat)
            elif name in ("SUBPATTERN",):
                walk(av[-1], inside_repeat)
            elif name in ("ATOMIC_GROUP",):
                walk(av, inside_repeat)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(av[1], inside_repeat)
    walk(tree, False)
    return risk


def _needs_deadline(pattern, flags, subject) -> bool:
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    if not isinstance(pattern, (str, bytes)) or not isinstance(flags, int):
        return False
    try:
        risk = _regex_risk(pattern, int(flags))
    except TypeError:   # unhashable: not a pattern CPython accepts either
        return False
    n = len(subject) if isinstance(subject, (str, bytes, bytearray)) else LONG_SUBJECT
    return risk == 2 and n > 4 or risk == 1 and n >= LONG_SUBJECT


def with_deadline(ctx, fn, args, kwargs):
    """Call `fn` (a regex match in C) with SIGALRM set for the run's deadline: `_sre` polls
    signals, so the handler's LimitHit ends a backtracking explosion (ATTACK-SURFACE §3d). Only
    the main thread gets signals; elsewhere the call runs unbounded. A host alarm that was
    pending is kept: its handler runs when it comes due, and its timer is re-armed after."""
    m = ctx.meter()
    if m is None or threading.current_thread() is not threading.main_thread():
        return fn(*args, **kwargs)
    left = m.remaining_time()
    if left <= 0:
        m.check_time()
        left = 1e-3
    start = time.monotonic()
    host = {}

    def ring(signum, frame):
        due = host.get("due")
        if due is not None and time.monotonic() >= due - 1e-4:
            host.pop("due")
            handler = host["handler"]
            signal.setitimer(signal.ITIMER_REAL, max(m.remaining_time(), 1e-4))
            if callable(handler):
                handler(signum, frame)
            return
        m.trip("time", f"time limit exceeded: ran longer than {m.limits.timeout:g} s "
                       f"(in a regular expression)")

    host["handler"] = signal.signal(signal.SIGALRM, ring)
    delay, interval = signal.setitimer(signal.ITIMER_REAL, 0)
    if delay > 0:
        host["due"] = start + delay
    signal.setitimer(signal.ITIMER_REAL, min(left, delay) if delay > 0 else left)
    try:
        return fn(*args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, host["handler"])
        if "due" in host:
            signal.setitimer(signal.ITIMER_REAL, max(host["due"] - time.monotonic(), 1e-6),
                             interval)


def _armed_iter(ctx, it):
    """finditer's matches, each search under the deadline."""
    while True:
        try:
            match = with_deadline(ctx, next, (it,), {})
        except StopIteration:
            return
        yield match


# re function -> (index of the subject, index of flags) in its positional arguments
_RE_ARGS = {"match": (1, 2), "search": (1, 2), "fullmatch": (1, 2), "findall": (1, 2),
            "finditer": (1, 2), "split": (1, 3), "sub": (2, 4), "subn": (2, 4),
            "compile": (None, 1), "template": (None, 1)}
_RE_KEYWORDS = {1: "string", 2: "string"}


def _re_function(ctx, real):
    name = real.__name__
    at, flags_at = _RE_ARGS[name]

    def function(*args, **kwargs):
        flags = kwargs.get("flags", args[flags_at] if len(args) > flags_at else 0)
        _re_flags_ok(flags)
        if at is None:
            return real(*args, **kwargs)
        pattern = kwargs.get("pattern", args[0] if args else None)
        subject = kwargs.get("string", args[at] if len(args) > at else None)
        if not _needs_deadline(pattern, flags, subject):
            return real(*args, **kwargs)
        if name == "finditer":
            return _armed_iter(ctx, real(*args, **kwargs))
        return with_deadline(ctx, real, args, kwargs)
    return _named(function, real)


def _bounded_sub(ctx, real, pattern, repl, string, count, flags):
    """re.sub/subn whose output size is accounted when it could blow up: a template expanded per
    match, or a replacement function returning big strings, adds up in one C join."""
    _re_flags_ok(flags)
    n = len(string) if isinstance(string, (str, bytes, bytearray)) else 0
    call = with_deadline if _needs_deadline(pattern, flags, string) else \
        (lambda ctx_, fn, args, kwargs: fn(*args, **kwargs))
    if callable(repl):
        fn = repl
    elif isinstance(repl, (str, bytes)) and len(repl) * (n + 1) + n < 1 << 20:
        return call(ctx, real, (pattern, repl, string), {"count": count, "flags": flags})
    else:
        compiled = re.compile(pattern, flags)
        expand = re._subx(compiled, repl)   # what sub itself does: a literal or a filter
        flags = 0
        pattern = compiled

        def fn(match):
            return expand(match) if callable(expand) else expand
    total = [n]
    m = ctx.meter()
    budget = m.max_memory if m is not None else 1 << 31

    def counted(match):
        out = fn(match)
        if isinstance(out, (str, bytes)):
            total[0] += len(out)
            if total[0] > budget:
                ctx.trip("memory", f"memory limit exceeded: re.sub output above {budget:,} bytes")
        ctx.tick()
        return out
    return call(ctx, real, (pattern, counted, string), {"count": count, "flags": flags})


def w_re_sub(ctx, real):
    def sub(pattern, repl, string, count=0, flags=0):
        return _bounded_sub(ctx, real, pattern, repl, string, count, flags)
    return _named(sub, real)


def type_wraps(ctx) -> dict:
    """(host type, attribute) -> factory(receiver) for the interpreter's attribute guard: the
    methods of compiled patterns, however the sandbox got one (re.compile, Match.re), run under
    the same deadline and size checks as the re functions."""
    def pattern_method(name):
        at = 1 if name in ("sub", "subn") else 0

        def factory(p):
            method = getattr(p, name)
            if name in ("sub", "subn"):
                module_fn = getattr(re, name)

                def sub(repl, string, count=0):
                    return _bounded_sub(ctx, module_fn, p, repl, string, count, 0)
                return _named(sub, method)

            def armed(*args, **kwargs):
                subject = kwargs.get("string", args[at] if len(args) > at else None)
                if not _needs_deadline(p, p.flags, subject):
                    return method(*args, **kwargs)
                if name == "finditer":
                    return _armed_iter(ctx, method(*args, **kwargs))
                return with_deadline(ctx, method, args, kwargs)
            return _named(armed, method)
        return factory

    def no_scanner(p):
        refuse("Pattern.scanner() is not available in the sandbox (its matches would run "
               "without the deadline); use finditer()")

    def match_expand(m):
        def expand(template):
            if isinstance(template, (str, bytes)):
                refs = template.count("\\" if isinstance(template, str) else b"\\")
                ctx.alloc(len(template) + refs * len(m.string))
            return m.expand(template)
        return _named(expand, m.expand)

    table = {(re.Pattern, name): pattern_method(name)
             for name in ("match", "search", "fullmatch", "findall", "finditer", "split",
                          "sub", "subn")}
    table[(re.Pattern, "scanner")] = no_scanner
    table[(re.Match, "expand")] = match_expand
    return table


def w_textwrap_TextWrapper(ctx, real):
    class TextWrapper(real, metaclass=mirror_meta(real)):
        def wrap(self, text):
            n = len(text) if isinstance(text, str) else 0
            ctx.tick(1 + n // 16)
            indents = len(self.initial_indent or "") + len(self.subsequent_indent or "")
            ctx.alloc(n + (n // max(1, _int_or_none(self.width) or 1) + 1) * indents)
            return super().wrap(text)

    return mirrored(TextWrapper, real)


def w_textwrap_function(ctx, real):
    """wrap/fill/shorten build a TextWrapper internally: use the checked one."""
    def function(text, *args, **kwargs):
        wrapper = ctx.wrapped("textwrap", "TextWrapper")
        if real.__name__ == "shorten":
            w = wrapper(*args, max_lines=1, **kwargs)
            return w.fill(" ".join(text.strip().split()))
        width = args[0] if args else kwargs.pop("width", 70)
        w = wrapper(width=width, **kwargs)
        return getattr(w, real.__name__)(text)
    return _named(function, real)


def w_textwrap_indent(ctx, real):
    def indent(text, prefix, predicate=None):
        if isinstance(text, str) and isinstance(prefix, str):
            lines = text.count("\n") + 1
            ctx.tick(1 + lines)
            ctx.alloc(len(text) + lines * len(prefix))
        return real(text, prefix, ctx.callback(predicate))
    return _named(indent, real)


class _MeteredWriter:
    """The file a csv writer writes to, one op per row written."""

    __slots__ = ("_ctx", "_fp")

    def __init__(self, ctx, fp) -> None:
        self._ctx, self._fp = ctx, fp

    def write(self, text):
        self._ctx.tick()
        return self._fp.write(text)


def w_csv_reader(ctx, real):
    def reader(csvfile, *args, **kwargs):
        return real(ctx.lazy(csvfile), *args, **kwargs)
    return _named(reader, real)


def w_csv_writer(ctx, real):
    def writer(csvfile, *args, **kwargs):
        if not hasattr(csvfile, "write"):
            return real(csvfile, *args, **kwargs)  # CPython's own TypeError
        return real(_MeteredWriter(ctx, csvfile), *args, **kwargs)
    return _named(writer, real)


def w_csv_DictReader(ctx, real):
    class DictReader(real, metaclass=mirror_meta(real)):
        def __init__(self, f, *args, **kwargs):
            super().__init__(ctx.lazy(f), *args, **kwargs)

    return mirrored(DictReader, real)


def w_csv_DictWriter(ctx, real):
    class DictWriter(real, metaclass=mirror_meta(real)):
        def __init__(self, f, *args, **kwargs):
            super().__init__(_MeteredWriter(ctx, f) if hasattr(f, "write") else f,
                             *args, **kwargs)

    return mirrored(DictWriter, real)


def _cal_alloc(ctx, *dims):
    size = 64
    for d in dims:
        n = _int_or_none(d)
        size *= max(n, 1) if n is not None else 1
    ctx.alloc(size)


def w_calendar_TextCalendar(ctx, real):
    """TextCalendar whose widths are pre-checked and whose pr* methods print to the sandbox."""

    class TextCalendar(real, metaclass=mirror_meta(real)):
        def formatweek(self, theweek, width):
            _cal_alloc(ctx, width)
            return super().formatweek(theweek, width)

        def formatweekheader(self, width):
            _cal_alloc(ctx, width)
            return super().formatweekheader(width)

        def formatmonthname(self, theyear, themonth, width, withyear=True):
            _cal_alloc(ctx, width)
            return super().formatmonthname(theyear, themonth, width, withyear)

        def formatmonth(self, theyear, themonth, w=0, l=0):  # noqa: E741 - CPython's names
            _cal_alloc(ctx, w, l, 8)
            return super().formatmonth(theyear, themonth, w, l)

        def formatyear(self, theyear, w=2, l=1, c=6, m=3):  # noqa: E741
            _cal_alloc(ctx, (_int_or_none(w) or 2) + (_int_or_none(c) or 6), l, m, 40)
            return super().formatyear(theyear, w, l, c, m)

        def prweek(self, theweek, width):
            ctx.write(self.formatweek(theweek, width))

        def prmonth(self, theyear, themonth, w=0, l=0):  # noqa: E741
            ctx.write(self.formatmonth(theyear, themonth, w, l))

        def pryear(self, theyear, w=0, l=0, c=6, m=3):  # noqa: E741
            ctx.write(self.formatyear(theyear, w, l, c, m))

    return mirrored(TextCalendar, real)


def _calendar_instance(ctx):
    """The sandbox's own module-level calendar (CPython's is process-wide: `c`)."""
    return ctx.once("calendar.c", lambda: ctx.wrapped("calendar", "TextCalendar")())


_CALENDAR_METHODS = {"firstweekday": "getfirstweekday", "monthcalendar": "monthdayscalendar",
                     "prweek": "prweek", "week": "formatweek", "weekheader": "formatweekheader",
                     "prmonth": "prmonth", "month": "formatmonth", "calendar": "formatyear",
                     "prcal": "pryear"}


def _calendar_method(method):
    def factory(ctx, real):
        return getattr(_calendar_instance(ctx), method)
    return factory


def w_calendar_setfirstweekday(ctx, real):
    import calendar

    def setfirstweekday(firstweekday):
        if not calendar.MONDAY <= firstweekday <= calendar.SUNDAY:
            raise calendar.IllegalWeekdayError(firstweekday)
        _calendar_instance(ctx).firstweekday = firstweekday
    return _named(setfirstweekday, real)


def w_calendar_formatstring(ctx, real):
    def formatstring(cols, colwidth=20, spacing=6):
        cols = list(ctx.eager(cols))
        _cal_alloc(ctx, (_int_or_none(colwidth) or 0) + (_int_or_none(spacing) or 0), len(cols))
        return real(cols, colwidth, spacing)
    return _named(formatstring, real)


def w_calendar_format(ctx, real):
    def format(cols, colwidth=20, spacing=6):  # noqa: A001 - mirrors calendar.format
        ctx.write(ctx.wrapped("calendar", "formatstring")(cols, colwidth, spacing) + "\n")
    return _named(format, real)


# ==================================================================================================
# dataclasses, typing, enum, abc, zoneinfo
# ==================================================================================================

def _identifier(name) -> bool:
    return isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)


def check_dataclass_fields(cls) -> None:
    """Refuse field names that are not identifiers anywhere on the MRO: dataclasses pastes them
    into source it exec()s (`__annotations__ = {"a,__import__('os')...": int}` runs host code)."""
    for klass in getattr(cls, "__mro__", (cls,)):
        if klass is object:
            continue
        own = type.__getattribute__(klass, "__dict__")
        for name in own.get("__annotations__", {}) or {}:
            if not _identifier(name):
                refuse(f"dataclass field names must be identifiers, not {name!r}")
        fields = own.get("__dataclass_fields__")
        if fields is not None:
            if not isinstance(fields, dict):
                refuse("__dataclass_fields__ must be the dict dataclasses made")
            for name, field in fields.items():
                if not _identifier(name) or not _identifier(getattr(field, "name", name)):
                    refuse(f"dataclass field names must be identifiers, not {name!r}")


def w_dataclasses_dataclass(ctx, real):
    def dataclass(cls=None, /, **kwargs):
        decorate = real(**kwargs)  # CPython checks the keywords here, before any class

        def wrap(c):
            if not sandbox_class(c):
                refuse("@dataclass can only be applied to classes defined in the sandbox")
            check_dataclass_fields(c)
            out = decorate(c)
            if out is not c:            # slots=True builds a new class
                register_class(out)
            return out
        return wrap if cls is None else wrap(cls)
    return _named(dataclass, real)


def w_dataclasses_make_dataclass(ctx, real):
    def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kwargs):
        fields = list(ctx.eager(fields))
        for key in (namespace or {}):
            if key in FORBIDDEN_DEFINITIONS:
                refuse(f"make_dataclass namespace may not define '{key}': "
                       f"{FORBIDDEN_DEFINITIONS[key]}")
        for base in bases if isinstance(bases, tuple) else ():
            check_dataclass_fields(base)
        cls = real(cls_name, fields, bases=bases, namespace=namespace, **kwargs)
        register_class(cls)
        return cls
    return _named(make_dataclass, real)


def w_typing_NamedTuple(ctx, real):
    def NamedTuple(typename, fields=None, /, **kwargs):
        if fields is not None and not isinstance(fields, dict):
            fields = list(ctx.eager(fields))
        cls = real(typename, fields, **kwargs)
        cls.__module__ = "__main__"
        register_class(cls)
        return cls
    def mro_entries(bases):  # `class P(NamedTuple):` still works (typing asserts on identity)
        return real.__mro_entries__(tuple(real if b is NamedTuple else b for b in bases))
    NamedTuple.__mro_entries__ = mro_entries
    return _named(NamedTuple, real)


def _typing_alias(collection_name):
    """typing.Deque & co. are callable and build the real (unmetered) collection: rebuild them
    over the mirror."""
    def factory(ctx, real):
        import typing
        return typing._SpecialGenericAlias(ctx.wrapped("collections", collection_name),
                                           real._nparams, name=real._name)
    return factory


def _check_enum_names(ctx, names):
    """The names argument of Enum's functional API, materialised under the meter, with dunder
    names refused (they would define methods such as __reduce_ex__ on the new class)."""
    if isinstance(names, str):
        keys = names.replace(",", " ").split()
    elif isinstance(names, collections.abc.Mapping):
        names = dict(ctx.lazy(names.items())) if type(names) is not dict else names
        keys = list(names)
    else:
        names = list(ctx.eager(names))
        keys = [n if isinstance(n, str) else n[0] if isinstance(n, (tuple, list)) and n else None
                for n in names]
    for key in keys:
        if isinstance(key, str) and key.startswith("__") and key.endswith("__"):
            refuse(f"enum member name {key!r} is not allowed in the sandbox (dunder names "
                   f"define methods)")
    return names


def _enum_meta(ctx):
    """The sandbox's EnumType: the functional API checks names and sets module='__main__'."""
    import enum

    def build():
        base = mirror_meta(enum.Enum)

        def __call__(cls, value, names=None, *args, **kwargs):
            if names is None:
                return base.__call__(cls, value, *args, **kwargs)
            names = _check_enum_names(ctx, names)
            kwargs["module"] = "__main__"   # what CPython records when called from a script
            return base.__call__(cls, value, names, *args, **kwargs)

        meta = type("EnumType", (base,), {"__call__": __call__, "__module__": "enum",
                                          "__qualname__": "EnumType"})
        _OUR_METAS.add(meta)
        return meta
    return ctx.once("enum.meta", build)


def w_enum_class(ctx, real):
    """Enum, IntEnum, StrEnum, Flag, IntFlag: mirrors under the checked EnumType."""
    meta = _enum_meta(ctx)
    namespace = meta.__prepare__(real.__name__, (real,))   # EnumType needs its own dict type
    for key, value in (("__module__", real.__module__), ("__qualname__", real.__qualname__),
                       ("__doc__", real.__doc__)):
        namespace[key] = value
    cls = meta(real.__name__, (real,), namespace)
    _REAL_OF[cls] = real
    return cls


def w_enum_meta(ctx, real):
    return _enum_meta(ctx)


def w_zoneinfo_ZoneInfo(ctx, real):
    """A ZoneInfo subclass has its own cache, so clear_cache() cannot touch the host's."""
    class ZoneInfo(real, metaclass=mirror_meta(real)):
        def __repr__(self):
            text = super().__repr__()   # a heap subclass's tp_name lacks the "zoneinfo." prefix
            return f"zoneinfo.{text}" if type(self) is ZoneInfo else text

    return mirrored(ZoneInfo, real)


# ==================================================================================================
# APIs that take a file *name* (xml, configparser): file objects only
# ==================================================================================================

def _refuse_path(value, what: str) -> None:
    if isinstance(value, (str, bytes)) or hasattr(type(value), "__fspath__"):
        refuse(f"{what} opens files by name, and the sandbox has no file access; pass a file "
               f"object such as io.StringIO or io.BytesIO")


def _file_object_only(position, keyword, what):
    """A wrapper factory refusing a file name at `position` (or `keyword`)."""
    def factory(ctx, real):
        def wrapper(*args, **kwargs):
            value = kwargs.get(keyword, args[position] if len(args) > position else None)
            _refuse_path(value, what)
            return real(*args, **kwargs)
        return _named(wrapper, real)
    return factory


def w_etree_ElementTree(ctx, real):
    class ElementTree(real, metaclass=mirror_meta(real)):
        def __init__(self, element=None, file=None):
            _refuse_path(file, "ElementTree(file=...)")
            super().__init__(element, file)

        def parse(self, source, parser=None):
            _refuse_path(source, "ElementTree.parse()")
            return super().parse(source, parser)

        def write(self, file_or_filename, *args, **kwargs):
            _refuse_path(file_or_filename, "ElementTree.write()")
            return super().write(file_or_filename, *args, **kwargs)

    return mirrored(ElementTree, real)


def w_etree_parse(ctx, real):
    def parse(source, parser=None):
        _refuse_path(source, "xml.etree.ElementTree.parse()")
        tree = ctx.wrapped("xml.etree.ElementTree", "ElementTree")()
        tree.parse(source, parser)
        return tree
    return _named(parse, real)


def w_etree_dump(ctx, real):
    import xml.etree.ElementTree as ET

    def dump(elem):
        text = ET.tostring(elem if not hasattr(elem, "getroot") else elem.getroot(),
                           encoding="unicode")
        ctx.write(text if text.endswith("\n") else text + "\n")
    return _named(dump, real)


def w_etree_canonicalize(ctx, real):
    def canonicalize(xml_data=None, *, out=None, from_file=None, **options):
        _refuse_path(from_file, "xml.etree.ElementTree.canonicalize(from_file=...)")
        return real(xml_data, out=out, from_file=from_file, **options)
    return _named(canonicalize, real)


def w_configparser_class(ctx, real):
    class Parser(real, metaclass=mirror_meta(real)):
        def read(self, filenames, encoding=None):
            refuse("configparser read() opens files by name, and the sandbox has no file "
                   "access; use read_string() or read_file(io.StringIO(...))")

    return mirrored(Parser, real)


# ==================================================================================================
# The tables
# ==================================================================================================

# Modules never loaded, whatever allowed_imports says: module -> why. A name is denied when it or
# a parent package is listed (so "importlib.util" is denied), unless DENY_EXCEPTIONS allows it.
DENIED: dict[str, str] = {
    "sys": "it exposes the interpreter itself (sys.modules, frames, the recursion limit)",
    "os": "it reaches files, processes and the environment (os.path alone may be allowed)",
    "posix": "the raw os module", "nt": "the raw os module",
    "posixpath": "import os.path instead", "ntpath": "import os.path instead",
    "genericpath": "import os.path instead",
    "builtins": "it holds eval, exec, open and __import__",
    "importlib": "it imports any module, bypassing allowed_imports",
    "pkgutil": "it imports any module", "zipimport": "it imports code from files",
    "runpy": "it runs modules and files", "imp": "it imports any module",
    "inspect": "it reaches frames (currentframe, stack) and code objects",
    "traceback": "walk_stack/extract_stack reach the host's frames",
    "gc": "get_objects/get_referrers reach every object in the process",
    "ctypes": "raw memory access", "cffi": "raw memory access",
    "subprocess": "it runs processes", "pty": "it runs processes",
    "multiprocessing": "it runs processes", "concurrent": "it runs threads and processes",
    "threading": "threads escape the run's limits", "_thread": "threads escape the run's limits",
    "asyncio": "event loops open sockets and run subprocesses",
    "socket": "network access", "ssl": "network access", "select": "network access",
    "selectors": "network access", "socketserver": "network access",
    "http.client": "network access", "http.server": "network access",
    "http.cookiejar": "reads and writes cookie files",
    "urllib.request": "network access", "urllib.robotparser": "fetches URLs",
    "ftplib": "network access", "smtplib": "network access", "poplib": "network access",
    "imaplib": "network access", "telnetlib": "network access", "xmlrpc": "network access",
    "webbrowser": "it starts programs", "wsgiref": "it serves on sockets",
    "pickle": "unpickling runs arbitrary callables", "marshal": "it builds code objects",
    "shelve": "pickle on files", "dbm": "files", "sqlite3": "files",
    "signal": "it changes the host's signal handlers",
    "code": "it compiles and runs code", "codeop": "it compiles code",
    "compileall": "it compiles files", "py_compile": "it compiles files",
    "dis": "it reaches code objects and prints to the host's stdout",
    "shutil": "file and process operations", "tempfile": "it creates files",
    "pathlib": "file access", "glob": "file system listing", "fileinput": "file access",
    "filecmp": "file access", "linecache": "it reads files",
    "tokenize": "tokenize.open reads files",
    "zipfile": "file access", "tarfile": "file access", "gzip": "gzip.open reads files",
    "bz2": "bz2.open reads files", "lzma": "lzma.open reads files", "mailbox": "file access",
    "netrc": "it reads credential files",
    "logging": "its handlers open files and its loggers are the host's (logging.config: "
               "ext:// conversions reach any object)",
    "warnings": "its filters are the host's process-wide settings",
    "locale": "setlocale changes the whole process",
    "atexit": "callbacks would run after the sandbox has ended",
    "sched": "it blocks in the real time.sleep",
    "resource": "process limits", "fcntl": "file descriptors", "mmap": "raw memory and files",
    "termios": "terminal control", "tty": "terminal control",
    "pwd": "the host's user database", "grp": "the host's group database",
    "spwd": "the host's password database", "crypt": "the host's password hashing",
    "getpass": "it reads the terminal and the environment",
    "platform": "it leaks the host and runs subprocesses",
    "site": "interpreter start-up machinery", "sysconfig": "the host's installation paths",
    "faulthandler": "it writes to the host's file descriptors",
    "tracemalloc": "it reaches the host's allocations", "trace": "it traces the host",
    "pdb": "a debugger", "bdb": "a debugger", "pydoc": "it reads the host's modules",
    "doctest": "it runs code from strings", "timeit": "it runs code from strings",
    "unittest": "unittest.mock.patch replaces attributes of the host's modules",
    "profile": "it runs code from strings", "cProfile": "it runs code from strings",
    "cgi": "server-side environment", "cgitb": "it writes tracebacks to the host",
    "tkinter": "GUI", "turtle": "GUI", "turtledemo": "GUI", "idlelib": "IDE",
    "ensurepip": "installs packages", "venv": "creates environments",
    "distutils": "builds and installs packages", "lib2to3": "reads and rewrites files",
    "imghdr": "it opens files by name", "sndhdr": "it opens files by name",
    "uu": "it opens files by name", "wave": "it opens files by name",
    "aifc": "it opens files by name", "sunau": "it opens files by name",
    "chunk": "raw file chunks", "tabnanny": "it reads files", "pyclbr": "it reads module sources",
    "modulefinder": "it reads and runs module code", "zipapp": "it writes files",
    "gettext": "it reads translation files by path", "mailcap": "it runs shell commands",
    "pipes": "it runs shell commands", "nntplib": "network access",
    "xml.sax": "parse() fetches URLs and opens files by name",
    "xml.dom.pulldom": "parse() opens files by name (via xml.sax)",
    "xml.dom.xmlbuilder": "its entity resolver fetches URLs",
    "xml.etree.ElementInclude": "its loader opens files by name",
    "this": "prints to the host's stdout when imported",
    "antigravity": "opens a web browser when imported",
}
DENY_EXCEPTIONS: dict[str, str] = {
    "os.path": "pure path-string functions only (see KEEP_ONLY)",
}

# Modules whose proxies hold only the listed names (by the module's real __name__).
_PATH_FUNCTIONS = {
    "join": "string operation", "split": "string operation", "splitext": "string operation",
    "splitdrive": "string operation", "basename": "string operation",
    "dirname": "string operation", "normpath": "string operation",
    "normcase": "string operation", "isabs": "string operation",
    "commonprefix": "string operation", "commonpath": "string operation",
    "sep": "constant", "altsep": "constant", "extsep": "constant", "pathsep": "constant",
    "curdir": "constant", "pardir": "constant",
}
KEEP_ONLY: dict[str, dict[str, str]] = {
    "posixpath": _PATH_FUNCTIONS,   # os.path on POSIX: no exists/expandvars/abspath...
    "ntpath": _PATH_FUNCTIONS,
}
# Why a name that KEEP_ONLY leaves out is missing (for error messages).
KEEP_ONLY_REASON = {
    "posixpath": "only the pure path-string functions of os.path are available in the sandbox "
                 "(no filesystem, environment or working-directory access)",
    "ntpath": "only the pure path-string functions of os.path are available in the sandbox",
}

_FS = "it reads the host's filesystem"
HIDE: dict[str, dict[str, str]] = {
    "datetime": {"datetime_CAPI": "a C capsule"},
    "time": {"tzset": "changes the process's time zone",
             "clock_settime": "sets the system clock", "clock_settime_ns": "sets the system clock",
             "pthread_getcpuclockid": "thread internals"},
    "random": {"SystemRandom": "reads the host's entropy source; use random.Random"},
    "decimal": {"DefaultContext": "seeds every new thread's context in the host",
                "HAVE_CONTEXTVAR": "implementation detail",
                "HAVE_THREADS": "implementation detail"},
    "functools": {"singledispatchmethod": "register() evaluates annotations",
                  "RLock": "a thread lock; the sandbox has no threads"},
    "operator": {"call": "calls would bypass the interpreter's call checks; call directly"},
    "string": {"Formatter": "get_field/get_value read attributes outside the guard; use "
                            "str.format"},
    "typing": {"get_type_hints": "it evaluates string annotations with eval",
               "ForwardRef": "compiled strings that get_type_hints evaluates",
               "EXCLUDED_ATTRIBUTES": "a host-wide mutable set",
               "clear_overloads": "clears the host's overload registry",
               "get_overloads": "reads the host's overload registry",
               "no_type_check": "sets attributes on every function of the class it is given",
               "no_type_check_decorator": "see no_type_check",
               "reveal_type": "writes to the host's stderr"},
    "copy": {"dispatch_table": "copyreg's process-wide table: entries run in the host's copies"},
    "enum": {"global_enum": "writes members into sys.modules[cls.__module__] (any host module)",
             "ReprEnum": "its functional API would bypass the checked EnumType (use IntEnum or "
                         "StrEnum)"},
    "uuid": {"getnode": "leaks the host's MAC address", "uuid1": "embeds the host's MAC address"},
    "base64": {"main": "command line: reads sys.argv and files", "test": "command line"},
    "calendar": {"main": "command line: host stdout and setlocale",
                 "different_locale": "setlocale changes the whole process",
                 "LocaleTextCalendar": "setlocale changes the whole process",
                 "LocaleHTMLCalendar": "setlocale changes the whole process",
                 "c": "the process-wide calendar; use calendar.TextCalendar()"},
    "csv": {"field_size_limit": "process-wide parser setting",
            "register_dialect": "process-wide dialect registry",
            "unregister_dialect": "process-wide dialect registry"},
    "zoneinfo": {"reset_tzpath": "process-wide; a file-existence oracle"},
    "io": {"open": "file access (io.open is builtins.open)", "open_code": "file access",
           "FileIO": "file access"},
    "urllib.parse": {"uses_relative": "drives the host's URL parsing",
                     "uses_netloc": "drives the host's URL parsing",
                     "uses_params": "drives the host's URL parsing",
                     "uses_query": "drives the host's URL parsing",
                     "uses_fragment": "drives the host's URL parsing",
                     "non_hierarchical": "drives the host's URL parsing",
                     "clear_cache": "clears the host's caches"},
    "contextlib": {"chdir": "changes the host's working directory",
                   "redirect_stdout": "replaces the host's sys.stdout",
                   "redirect_stderr": "replaces the host's sys.stderr"},
    "codecs": {"register": "the process-wide codec search path",
               "unregister": "the process-wide codec search path",
               "register_error": "the process-wide error-handler registry",
               "open": "file access (codecs.open opens files by name)"},
    "copyreg": {"pickle": "writes the process-wide dispatch_table (copy/pickle call what it holds)",
                "constructor": "process-wide registry", "add_extension": "process-wide registry",
                "remove_extension": "process-wide registry",
                "clear_extension_cache": "process-wide registry",
                "dispatch_table": "the process-wide table copy and pickle consult"},
    "mimetypes": {"add_type": "writes the process-wide table",
                  "init": "reads files by name into the process-wide table",
                  "read_mime_types": "reads a file by name",
                  "MimeTypes": "reads files by name"},
    "xml.etree.ElementTree": {"register_namespace": "writes the process-wide namespace map"},
    "re": {"Scanner": "matches through Pattern.scanner(), outside the deadline; use finditer"},
    "types": {"FunctionType": "builds functions from code objects",
              "LambdaType": "builds functions from code objects",
              "CodeType": "builds code objects", "FrameType": "frames",
              "TracebackType": "builds tracebacks", "CellType": "closure cells",
              "ModuleType": "builds module objects",
              "new_class": "builds classes without the sandbox's class checks",
              "prepare_class": "metaclass machinery",
              "coroutine": "rewrites the code flags of the function it is given"},
}

_RANDOM_FUNCTIONS = ("betavariate choice choices expovariate gammavariate gauss getrandbits "
                     "getstate lognormvariate normalvariate paretovariate randbytes randint random "
                     "randrange sample seed setstate shuffle triangular uniform vonmisesvariate "
                     "weibullvariate").split()
_STAT_ONE = ("mean geometric_mean median median_low median_high median_grouped mode multimode "
             "pstdev pvariance stdev variance quantiles").split()
_STAT_TWO = ("fmean harmonic_mean correlation covariance linear_regression").split()  # + weights
_IT_LAZY = {  # itertools type -> (iterable positions, iterable keywords, callable positions)
    "accumulate": ((0,), ("iterable",), (1,)), "chain": ("*", (), ()),
    "compress": ((0, 1), ("data", "selectors"), ()), "cycle": ((0,), (), ()),
    "groupby": ((0,), ("iterable",), (1,)), "islice": ((0,), (), ()), "pairwise": ((0,), (), ()),
    "zip_longest": ("*", (), ()), "dropwhile": ((1,), (), (0,)), "takewhile": ((1,), (), (0,)),
    "filterfalse": ((1,), (), (0,)), "starmap": ((1,), (), (0,)),
}

# WRAP[module][name] = (why, factory). The factory runs once per loader.
WRAP: dict[str, dict[str, tuple[str, object]]] = {
    "time": {"sleep": ("waits at most until the run's deadline", w_time_sleep)},
    "random": {
        "Random": ("getrandbits/randbytes/sample/choices/shuffle charged and size-checked",
                   w_random_Random),
        **{name: ("a method of the sandbox's own generator, not the host's", w_random_function)
           for name in _RANDOM_FUNCTIONS},
    },
    "decimal": {
        "Context": ("precision ≤ 2000 and exponents within ±10,000, however they are set",
                    w_decimal_Context),
        "Decimal": ("exponents within ±10,000 (int() of larger ones takes minutes)",
                    w_decimal_Decimal),
        "getcontext": ("the sandbox's own context, not the host thread's", w_decimal_getcontext),
        "setcontext": ("sets the sandbox's context, capped", w_decimal_setcontext),
        "localcontext": ("a copy of the sandbox's context, capped", w_decimal_localcontext),
        "BasicContext": ("a per-sandbox copy of the process-wide template", w_decimal_template),
        "ExtendedContext": ("a per-sandbox copy of the process-wide template",
                            w_decimal_template),
    },
    "fractions": {"Fraction": ("string and Decimal exponents within ±10,000",
                               w_fractions_Fraction)},
    "math": {
        **{name: ("sizes.py's cost estimate, also when called from C (map, reduce...)",
                  w_math_checked) for name in ("factorial", "comb", "perm", "isqrt")},
        "prod": ("metered per item; big-int steps charged by size", w_math_prod),
        "lcm": ("result size bounded", w_math_lcm),
        "fsum": ("metered per item (consumes iterators in C)", w_math_fsum),
    },
    "hashlib": {
        "pbkdf2_hmac": ("iterations charged before the uninterruptible C loop",
                        w_hashlib_pbkdf2_hmac),
        "scrypt": ("memory (128·n·r) pre-checked, work (·p) charged first", w_hashlib_scrypt),
    },
    "itertools": {
        **{name: ("iterables metered per item; host callables go through the call checks",
                  _lazy_type(*spec)) for name, spec in _IT_LAZY.items()},
        "product": ("pools materialised under the meter; repeat×pools pre-checked",
                    w_itertools_product),
        "permutations": ("pool materialised under the meter; r pre-checked",
                         _r_combinatoric(True)),
        "combinations": ("pool materialised under the meter; r pre-checked",
                         _r_combinatoric(False)),
        "combinations_with_replacement": ("pool materialised under the meter; r pre-checked",
                                          _r_combinatoric(False)),
        "tee": ("n pre-checked; the source metered", w_itertools_tee),
    },
    "functools": {
        "reduce": ("iterable metered; host callables checked", w_functools_reduce),
        "partial": ("calls go through the interpreter's checked host call", w_functools_partial),
        "update_wrapper": ("default assigned/updated only; sandbox-made wrappers only",
                           w_functools_update_wrapper),
        "wraps": ("goes through the checked update_wrapper", w_functools_wraps),
        "total_ordering": ("setattr()s dunders: sandbox classes only",
                           _sandbox_class_only("functools.total_ordering")),
        "singledispatch": ("register() needs an explicit class (annotations are eval'd)",
                           w_functools_singledispatch),
    },
    "operator": {
        "attrgetter": ("each dotted name read through the attribute guard",
                       w_operator_attrgetter),
        "methodcaller": ("method read through the guard, called through the call checks",
                         w_operator_methodcaller),
        **{name: ("size pre-check of the operation (as for the operator syntax)",
                  w_operator_binop) for name in OPERATOR_BINOPS},
        "contains": ("iterators and range scans metered", w_operator_contains),
        "countOf": ("metered per item", w_operator_countOf),
        "indexOf": ("metered per item", w_operator_indexOf),
    },
    "heapq": {
        "heapify": ("charged per item", w_heapq_heapify),
        "nlargest": ("iterable metered", w_heapq_select),
        "nsmallest": ("iterable metered", w_heapq_select),
        "merge": ("iterables metered", w_heapq_merge),
    },
    "collections": {
        "deque": ("constructor, extend, extendleft and += metered", w_collections_deque),
        "Counter": ("constructor, update and subtract metered", w_collections_Counter),
        "OrderedDict": ("constructor, update, |= and fromkeys metered", _dict_like(0)),
        "defaultdict": ("constructor, update, |= and fromkeys metered", _dict_like(1)),
        "ChainMap": ("update, |= and fromkeys metered", _dict_like(99)),
        "UserDict": ("update (a Python loop), |= and fromkeys metered", w_collections_UserDict),
        "UserList": ("constructor, extend and + metered", w_collections_UserList),
        "namedtuple": ("field names metered; module='__main__'; the class is the sandbox's",
                       w_collections_namedtuple),
    },
    "queue": {
        "Queue": ("blocking get/put/join end at the run's deadline", _blocking_queue(True)),
        "LifoQueue": ("blocking get/put/join end at the run's deadline", _blocking_queue(True)),
        "PriorityQueue": ("blocking get/put/join end at the run's deadline",
                          _blocking_queue(True)),
        "SimpleQueue": ("blocking get ends at the run's deadline", _blocking_queue(False)),
    },
    "array": {"array": ("initializer and extend metered; repetition size-checked",
                        w_array_array)},
    "struct": {
        **{name: ("format size pre-checked (a repeat count allocates)", w_struct_function)
           for name in ("pack", "pack_into", "unpack", "unpack_from", "iter_unpack")},
        "Struct": ("format size pre-checked", w_struct_Struct),
    },
    "io": {name: ("buffer_size pre-checked", w_io_buffered)
           for name in ("BufferedReader", "BufferedWriter", "BufferedRandom", "BufferedRWPair")},
    "statistics": {
        **{name: ("data metered and Decimal exponents checked", _stat_function(1))
           for name in _STAT_ONE},
        **{name: ("data metered and Decimal exponents checked", _stat_function(2))
           for name in _STAT_TWO},
        "NormalDist": ("from_samples metered; samples() sized and on the sandbox's generator",
                       w_statistics_NormalDist),
    },
    "json": {
        "loads": ("nesting depth pre-scanned; cls= only sandbox classes", w_json_loads),
        "load": ("as loads", w_json_load),
        "dumps": ("output size estimated under the meter; cls= only sandbox classes",
                  w_json_dumps),
        "dump": ("as dumps", w_json_dump),
        "JSONDecoder": ("decode/raw_decode depth pre-scanned", w_json_JSONDecoder),
        "JSONEncoder": ("encode/iterencode size estimated", w_json_JSONEncoder),
    },
    "pprint": {
        "pprint": ("prints to the sandbox's output", w_pprint_pprint),
        "pp": ("prints to the sandbox's output", w_pprint_pp),
        "PrettyPrinter": ("default stream is the sandbox's output; walk charged",
                          w_pprint_PrettyPrinter),
        **{name: ("pure-Python walk charged per node", w_pprint_walked)
           for name in ("pformat", "saferepr", "isreadable", "isrecursive")},
    },
    "copy": {"deepcopy": ("charged per object copied", w_copy_deepcopy)},
    "re": {
        **{name: ("backtracking patterns run under the deadline (SIGALRM); re.DEBUG refused",
                  _re_function) for name in ("search", "match", "fullmatch", "split", "findall",
                                             "finditer")},
        **{name: ("re.DEBUG refused (it prints to the host's stdout)", _re_function)
           for name in ("compile", "template")},
        "sub": ("under the deadline; output size accounted when templates could blow up",
                w_re_sub),
        "subn": ("under the deadline; output size accounted when templates could blow up",
                 w_re_sub),
    },
    "textwrap": {
        "TextWrapper": ("wrap() charged and its output size pre-checked",
                        w_textwrap_TextWrapper),
        **{name: ("uses the checked TextWrapper", w_textwrap_function)
           for name in ("wrap", "fill", "shorten")},
        "indent": ("output size pre-checked", w_textwrap_indent),
    },
    "csv": {
        "reader": ("input metered per line", w_csv_reader),
        "writer": ("each row written costs an op (writerows consumes in C)", w_csv_writer),
        "DictReader": ("input metered per line", w_csv_DictReader),
        "DictWriter": ("each row written costs an op", w_csv_DictWriter),
    },
    "calendar": {
        "TextCalendar": ("widths pre-checked; pr* print to the sandbox", w_calendar_TextCalendar),
        **{name: ("bound to the sandbox's own calendar (CPython's is process-wide)",
                  _calendar_method(method)) for name, method in _CALENDAR_METHODS.items()},
        "setfirstweekday": ("sets the sandbox's own calendar", w_calendar_setfirstweekday),
        "formatstring": ("widths pre-checked", w_calendar_formatstring),
        "format": ("prints to the sandbox's output", w_calendar_format),
    },
    "dataclasses": {
        "dataclass": ("sandbox classes only; field names must be identifiers (they are exec'd)",
                      w_dataclasses_dataclass),
        "make_dataclass": ("namespace checked like a class body; the class is the sandbox's",
                           w_dataclasses_make_dataclass),
    },
    "typing": {
        "NamedTuple": ("functional form: the class is the sandbox's", w_typing_NamedTuple),
        **{name: ("calling it builds the metered collection", _typing_alias(name_))
           for name, name_ in (("Deque", "deque"), ("DefaultDict", "defaultdict"),
                               ("OrderedDict", "OrderedDict"), ("Counter", "Counter"),
                               ("ChainMap", "ChainMap"))},
    },
    "enum": {
        **{name: ("functional API: no dunder member names, module='__main__'", w_enum_class)
           for name in ("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag")},
        "EnumType": ("the checked metaclass", w_enum_meta),
        "EnumMeta": ("the checked metaclass", w_enum_meta),
    },
    "abc": {"update_abstractmethods": ("sets __abstractmethods__: sandbox classes only",
                                       _sandbox_class_only("abc.update_abstractmethods"))},
    "zoneinfo": {"ZoneInfo": ("a subclass: clear_cache() clears only the sandbox's cache",
                              w_zoneinfo_ZoneInfo)},
    "xml.etree.ElementTree": {
        "ElementTree": ("parse()/write() take file objects, not names", w_etree_ElementTree),
        "parse": ("file objects, not names", w_etree_parse),
        "iterparse": ("file objects, not names",
                      _file_object_only(0, "source", "xml.etree.ElementTree.iterparse()")),
        "canonicalize": ("from_file= takes file objects, not names", w_etree_canonicalize),
        "dump": ("prints to the sandbox's output, not the host's stdout", w_etree_dump),
    },
    "xml.dom.minidom": {"parse": ("file objects, not names",
                                  _file_object_only(0, "file", "xml.dom.minidom.parse()"))},
    "configparser": {name: ("read() (file names) refused; read_string/read_file work",
                            w_configparser_class)
                     for name in ("ConfigParser", "RawConfigParser")},
}

# Host objects hidden wherever a module re-exports them (identity): the real builtins the
# interpreter replaces or forbids (a module holding the real getattr or print would bypass them).
HIDDEN_BUILTINS: dict[str, str] = {
    name: "a builtin the sandbox replaces or forbids; use the builtin name directly"
    for name in ("open", "eval", "exec", "compile", "__import__", "input", "breakpoint",
                 "getattr", "setattr", "delattr", "hasattr", "vars", "dir", "globals", "locals",
                 "help", "print", "exit", "quit", "super", "type", "format", "pow", "sum", "min",
                 "max", "sorted", "any", "all", "next", "memoryview")
    if hasattr(builtins, name)
}
