"""Size and cost pre-checks: refuse an operation BEFORE it allocates a lot or runs long in C.

Per-operation metering (a tick per loop iteration, per item consumed) cannot stop one C call that
builds a 3 GB string or multiplies two 10**7-bit integers: the call neither returns nor ticks until
it is done, and nothing in-process interrupts it (ATTACK-SURFACE.md §3a, §3b). So the interpreter
calls, just before the operation runs:

    check_binop(op, left, right, meter)    Mult, Pow, LShift, Add, Mod (also FloorDiv, In, NotIn)
    check_format_spec(value, spec, meter)   f-string fields, format(), str.format fields
    check_call(func, args, kwargs, meter)   calls of builtin functions and builtin-type methods

Each estimates the bytes the result needs and the C time it costs, then trips "memory" when the
result cannot fit (`meter.alloc` also counts what is already resident), and charges ops: one per
NS_PER_OP of estimated C work, so max_ops bounds time spent inside C as it bounds interpreted work,
deterministically. Writing a big result is charged too (~0.45 ns a byte), so that a loop of large
allocations reaches the meter's clock and memory polls. Work predicted to outlast the deadline
trips "time" at once.

Traps:
- Never run sandboxed code from here: `len()`, comparisons, `str()`, iteration or `__index__` on an
  instance of a sandboxed subclass would call its overrides, unmetered and a second time. Exact
  builtin types take the fast path; anything else is read through the base type's slots
  (`str.__len__(s)`, `int.__index__(n)`) and classified with `issubclass(type(x), ...)`; methods
  are looked up along the real MRO (`_lookup`), past any metaclass attribute hook.
- Stay cheap on small operands: a few type checks and comparisons before any method call.
- Where CPython refuses an argument outright (a width beyond Py_ssize_t, a float precision beyond
  INT_MAX, a repeat count beyond sys.maxsize) return and let CPython raise its own catchable error.

Costs were calibrated with CPython 3.11.7 on the project machine (2 vCPUs); the numbers beside the
constants and checks are those measurements or ATTACK-SURFACE.md §3. Estimates err high.

Must not import anything from safeexec except .meter and ..errors.
"""
from __future__ import annotations

import math
import re
import sys
from decimal import Decimal
from itertools import accumulate
from string import Formatter

NS_PER_OP = 100             # one op per ~100 ns of C work: max_ops=10**7 allows ~1 s inside C calls
SMALL = 1 << 12             # results under 4 KiB are neither checked nor charged
_NS_PER_BYTE = 0.45         # fresh memory: 'a'*10**8, s+s, ljust(10**8), bytearray(10**8): 42-45 ms
_NS_SCHOOL = 0.6            # per digit pair below 70 digits: (10**7 bits) * (10**3 bits) 6.4 ms
_NS_KARATSUBA = 5.0         # per digits**1.585: a 10**7-bit square 2.8 s, 10**6 bits 68 ms
_NS_DIV = 1.0               # per digit pair in x_divrem: 10**7-bit // 10**5-bit 1.1 s (O(n*m))
_NS_COMB = 15.0             # comb(n, k) per (result digits * k digits): comb(2*10**5, 10**5) 0.3 s
_NS_SEQ_COPY = 2.0          # per element copied by sum(lists, []): 3000 lists of 100, 0.83 s
_KARATSUBA_CUTOFF = 70      # digits: CPython's KARATSUBA_CUTOFF
_CLOCK_OPS = 10_000         # charges this large (~1 ms) also compare the estimate with the clock
_BIG = 1 << 2048            # ints smaller in magnitude multiply in < 3 µs: the fast path
_FLOAT_DIGITS = 330         # a formatted float's integer part (1e308), sign and point
_INT_MAX = 2**31 - 1        # CPython: "precision too big" above this (float, complex, '%')
_SSIZE_MAX = sys.maxsize    # CPython: "Too many decimal digits" / OverflowError above this
_MAX_BITS = 1 << 100        # estimates are clamped here so float arithmetic stays finite


# -- cost model ------------------------------------------------------------------------------

def _digits(bits) -> float:
    return bits / 30 + 1


def _mul_ns(abits, bbits) -> float:
    """CPython's k_mul: schoolbook under 70 digits, else Karatsuba; a lopsided product is cut
    into slices the size of the smaller operand (10**7 x 10**5 bits: 0.14 s)."""
    a, b = _digits(abits), _digits(bbits)
    if a < b:
        a, b = b, a
    if b <= _KARATSUBA_CUTOFF:
        return _NS_SCHOOL * a * b
    return _NS_KARATSUBA * (a / b) * b ** 1.585


def _div_ns(abits, bbits) -> float:
    """x_divrem is quadratic: (n - m) * m digit steps; 3.11 has no subquadratic division."""
    a, b = _digits(abits), _digits(bbits)
    return _NS_DIV * (a - b + 1) * b if a >= b else 0.0


def _int_bytes(bits) -> int:
    """Bytes of an int with `bits` bits: 30-bit digits stored in 4 bytes."""
    return int(min(bits, _MAX_BITS)) * 2 // 15 + 32


def _show(nbytes) -> str:
    if nbytes >= 2**50:
        return f"{nbytes:.1e} bytes"
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if nbytes >= scale:
            return f"{nbytes / scale:,.1f} {unit}"
    return f"{nbytes:,} bytes"


def _charge(meter, ns, what: str) -> None:
    """Charge estimated C time as ops; trip before the work when it cannot fit."""
    ops = int(min(ns, 1e30)) // NS_PER_OP
    if ops <= 0:
        return
    if meter.ops + ops > meter.max_ops:
        meter.trip("ops", f"operation limit exceeded: {what} would cost about {ops:,} operations "
                          f"(limit {meter.max_ops:,})")
    meter.tick(ops)
    if ops >= _CLOCK_OPS and ns * 1e-9 > meter.remaining_time():
        meter.trip("time", f"time limit exceeded: {what} would run past the deadline "
                           f"({meter.limits.timeout:g} s)")


def _alloc(meter, nbytes, what: str) -> None:
    """Pre-check one result of about `nbytes`, then charge the time to write it."""
    if nbytes < SMALL:
        return
    if nbytes > meter.max_memory:
        meter.trip("memory", f"memory limit exceeded: {what} would need about {_show(nbytes)} "
                             f"(limit {_show(meter.max_memory)})")
    meter.alloc(nbytes)
    _charge(meter, nbytes * _NS_PER_BYTE, what)


# -- reading builtin values without running sandboxed code -----------------------------------

_SEQ_BASES = (str, bytes, bytearray, list, tuple)
_ITEM_BYTES = {str: 1, bytes: 1, bytearray: 1, list: 8, tuple: 8}


def _as_int(x):
    """`x` as an exact int (int subclasses through int's own slot), else None."""
    if type(x) is int:
        return x
    if issubclass(type(x), int):
        return int.__index__(x)
    return None


def _seq_base(x):
    """The builtin sequence type `x` is (an instance of a subclass of), else None."""
    t = type(x)
    if t in _ITEM_BYTES:
        return t
    if not issubclass(t, _SEQ_BASES):
        return None
    for base in _SEQ_BASES:
        if issubclass(t, base):
            return base
    return None


_mro_of = type.__dict__["__mro__"].__get__     # the real MRO, whatever a metaclass defines
_dict_of = type.__dict__["__dict__"].__get__


def _lookup(cls, name):
    """`cls.<name>` found along the real MRO, without running a metaclass's attribute hooks."""
    for klass in _mro_of(cls):
        namespace = _dict_of(klass)
        if name in namespace:
            return namespace[name]
    return None


def _plain(items, base):
    """A list or tuple as its exact type, so that iterating it runs no sandboxed __iter__."""
    return items if type(items) is base else base.__getitem__(items, slice(None))


def _str_width(s) -> int:
    """Bytes per character of a str (PEP 393 kind); O(len) only for non-ASCII text."""
    if str.isascii(s):
        return 1
    top = max(str.__iter__(s))
    return 1 if top <= "\xff" else 2 if top <= "\uffff" else 4


def _str_bytes(chars: int, strs) -> int:
    """Bytes of a str of `chars` characters built from the strs `strs`: as wide as the widest."""
    if all(map(str.isascii, strs)):
        return chars
    if len(strs) > 64:
        return 4 * chars                        # many pieces: assume the widest kind
    return chars * max(map(_str_width, strs))


def _result_bytes(base, chars: int, *texts) -> int:
    """Bytes for `chars` items of `base`; texts that are not str are ignored."""
    if base is str:
        return _str_bytes(chars, [t for t in texts if issubclass(type(t), str)])
    return chars * _ITEM_BYTES[base]


# -- binary operators ------------------------------------------------------------------------

def _repeat(seq, count, meter) -> None:
    """seq * n: 'a' * (3 * 10**9) wrote 2.8 GB in 5.8 s, [0] * 10**9 asks 8 GB (§3b)."""
    base, n = _seq_base(seq), _as_int(count)
    if base is None or n is None or n <= 1 or n > _SSIZE_MAX:
        return                                  # n > sys.maxsize: CPython raises OverflowError
    chars = base.__len__(seq) * n
    if chars * _ITEM_BYTES[base] >= SMALL and chars <= _SSIZE_MAX:
        _alloc(meter, _result_bytes(base, chars, seq), f"{base.__name__} * {n:,}")


def _concat(left, right, meter) -> None:
    """seq + seq: a doubling loop (`s += s`) reaches gigabytes between two memory polls."""
    tl = type(left)
    if tl is int or tl is float or tl is bool:
        return
    if tl is type(right) and tl in _ITEM_BYTES and len(left) + len(right) < SMALL // 8:
        return
    base, other = _seq_base(left), _seq_base(right)
    if base is None or other is None:
        return
    if base in (str, list, tuple) and other is not base:
        return                                  # CPython raises TypeError
    if base not in (str, list, tuple) and other not in (bytes, bytearray):
        return
    chars = base.__len__(left) + other.__len__(right)
    if chars * _ITEM_BYTES[base] >= SMALL:
        _alloc(meter, _result_bytes(base, chars, left, right), f"{base.__name__} + {base.__name__}")


def _int_mul(a, b, meter) -> None:
    """int * int: x * x with x = 1 << 10**9 ran > 11 s (§3a); 10**7-bit operands take 2.8 s."""
    if not a or not b:
        return
    abits, bbits = a.bit_length(), b.bit_length()
    _alloc(meter, _int_bytes(abits + bbits), "int * int")
    _charge(meter, _mul_ns(abits, bbits), "int * int")


def _mult(left, right, meter) -> None:
    tl, tr = type(left), type(right)
    if tl is float or tr is float:
        return
    if tr is int and tl in _ITEM_BYTES:
        if len(left) * right < SMALL // 8:      # exact builtins: len() runs no sandboxed code
            return
    elif tl is int and tr in _ITEM_BYTES:
        if len(right) * left < SMALL // 8:
            return
    if tl is int and tr is int:
        if -_BIG < left < _BIG and -_BIG < right < _BIG:
            return
        return _int_mul(left, right, meter)
    a, b = _as_int(left), _as_int(right)
    if a is not None and b is not None:
        return _int_mul(a, b, meter) if abs(a) >= _BIG or abs(b) >= _BIG else None
    if b is not None:
        _repeat(left, b, meter)
    elif a is not None:
        _repeat(right, a, meter)


def _int_pow(base, exp, meter) -> None:
    """int ** int: 10**10**8 ran > 11 s, 10**10**7 6.7 s (§3a); the result has exp*log2|base|
    bits and costs ~1.5 squarings of half of it (3**(3*10**6): 0.32 s). Powers of two are
    sparse and linear (2**(3*10**7): 85 ms)."""
    if exp < 64 and -(1 << 32) < base < (1 << 32):
        return                                  # at most 2048 bits
    if exp <= 1 or -1 <= base <= 1:
        return                                  # float, the base itself, or 0 / 1 / -1
    bits = exp * math.log2(abs(base)) if exp < _MAX_BITS else _MAX_BITS
    _alloc(meter, 2 * _int_bytes(bits), "int ** int")      # the result and the last square
    if abs(base) & (abs(base) - 1):
        _charge(meter, 1.5 * _mul_ns(bits / 2, bits / 2), "int ** int")


def _pow(left, right, meter) -> None:
    if type(left) is float or type(right) is float:
        return
    base, exp = _as_int(left), _as_int(right)
    if base is not None and exp is not None:
        _int_pow(base, exp, meter)


def _lshift(left, right, meter) -> None:
    """int << n: 1 << 10**11 asked 12.5 GB at once (§3b); the result has bits(a) + n bits."""
    a, n = _as_int(left), _as_int(right)
    if a is None or n is None or not a or (n < 4096 and -_BIG < a < _BIG):
        return
    if 0 <= n <= _SSIZE_MAX:
        _alloc(meter, _int_bytes(a.bit_length() + n), "int << int")


def _int_div(left, right, meter, what: str) -> None:
    """Big-int //, %, divmod: (1 << 10**8) // ((1 << 10**7) + 1) ran > 11 s (§3a), O(n*m)."""
    a, b = _as_int(left), _as_int(right)
    if a is None or b is None or -_BIG < a < _BIG or not b:
        return
    _charge(meter, _div_ns(a.bit_length(), b.bit_length()), what)


def _mod(left, right, meter) -> None:
    t = type(left)
    if t is float:
        return
    if t is str and len(left) < 8 and "*" not in left:
        return                                  # '%99999d' at most
    if t is int or issubclass(t, int):
        return _int_div(left, right, meter, "int % int")
    base = _seq_base(left)
    if base is str:
        _percent(left, right, meter, _PERCENT_STR, str)
    elif base is bytes or base is bytearray:
        _percent(left, right, meter, _PERCENT_BYTES, base)


def _floordiv(left, right, meter) -> None:
    if type(left) is not float:
        _int_div(left, right, meter, "int // int")


def _contains(item, container, meter) -> None:
    """`x in range(...)` with a non-int x scans the range in C until found: 0.5 in
    range(10**12) ran > 11 s (§3a). An integral float is found at its index."""
    if type(container) is not range or type(item) is int or type(item) is bool:
        return
    try:
        steps = len(container)
    except OverflowError:                       # more than sys.maxsize items
        steps = _MAX_BITS
    if type(item) is float and item.is_integer() and int(item) in container:
        steps = (int(item) - container.start) // container.step
    if steps >= 1024:
        _charge(meter, 30.0 * steps, "'in' on a range with a non-int")


_BINOPS = {"Mult": _mult, "Pow": _pow, "LShift": _lshift, "Add": _concat, "Mod": _mod,
           "FloorDiv": _floordiv, "In": _contains, "NotIn": _contains}
# int <op> int needs no check when left is below _BIG and right below this bound
_INT_RIGHT = {"Add": _BIG, "Mult": _BIG, "Mod": _BIG, "FloorDiv": _BIG, "LShift": 4096, "Pow": 8}


def check_binop(op: str, left, right, meter) -> None:
    """Pre-check `left <op> right` for builtin operands (op: an ast.operator class name; "In" and
    "NotIn" take the item as `left`). Returns after a few type checks when operands are small."""
    if type(left) is int and type(right) is int and -_BIG < left < _BIG \
            and -_BIG < right < _INT_RIGHT.get(op, 0):
        return
    check = _BINOPS.get(op)
    if check is not None:
        check(left, right, meter)


# -- printf-style '%' formatting -------------------------------------------------------------

_PERCENT_SRC = (r"%(?P<key>\([^)]*\))?[-+ #0]*(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d*))?"
                r"[hlL]?(?P<conv>.)")
_PERCENT_STR = re.compile(_PERCENT_SRC, re.S)
_PERCENT_BYTES = re.compile(_PERCENT_SRC.encode(), re.S)
_PERCENT_QUICK = {str: re.compile(r"\d{5}|\*"), bytes: re.compile(rb"\d{5}|\*"),
                  bytearray: re.compile(rb"\d{5}|\*")}


def _percent(fmt, args, meter, pattern, base) -> None:
    """fmt % args: '%3000000000d' % 1 and '%*d' % (3 * 10**9, 1) wrote 2.8 GB in ~3.5 s (§3b).
    Sums max(width, precision) over conversions; '*' takes its value from the args tuple."""
    n = base.__len__(fmt)
    if n < 256 and _PERCENT_QUICK[base].search(fmt) is None:
        return                                  # under 128 fields of < 10**4 chars each
    positional = _plain(args, tuple) if issubclass(type(args), tuple) else (args,)
    taken = 0
    total = n
    for field in pattern.finditer(fmt):
        key, conv = field.group("key"), field.group("conv")
        sizes = []
        for text in (field.group("width"), field.group("prec")):
            if text in ("*", b"*"):
                value = _as_int(positional[taken]) if taken < len(positional) else None
                if value is None:
                    return                      # CPython: "* wants int" / not enough arguments
                taken += 1
                sizes.append(abs(value))
            elif text and len(text) >= 20:
                return                          # CPython: "width too big"
            else:
                sizes.append(int(text) if text else 0)
        width, prec = sizes
        if width > _SSIZE_MAX or prec > _INT_MAX:
            return                              # CPython: "width too big" / OverflowError
        if conv in ("%", b"%") and key is None:
            continue
        taken += key is None
        numeric = conv in "eEfFgGdiouxX" if base is str else conv in b"eEfFgGdiouxX"
        floating = conv in "eEfFgG" if base is str else conv in b"eEfFgG"
        total += max(width, prec * numeric + _FLOAT_DIGITS * floating)
    if total >= SMALL:
        texts = (fmt, *positional) if base is str else ()
        _alloc(meter, _result_bytes(base, total, *texts), "'%' formatting")


# -- format specs ----------------------------------------------------------------------------

_SPEC = re.compile(r"(?:(?P<fill>.)?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[,_]?"
                   r"(?:\.(?P<prec>\d+))?(?P<type>[bcdeEfFgGnosxX%])?", re.S)
_STANDARD = {str.__format__: str, int.__format__: int, float.__format__: float,
             complex.__format__: complex, Decimal.__format__: Decimal}


def _spec_chars(value, spec: str):
    """Upper bound of the characters `format(value, spec)` produces; None when `value` does not
    use the standard mini-language (datetime, sandbox __format__) or CPython refuses the spec."""
    kind = _STANDARD.get(_lookup(type(value), "__format__"))
    match = _SPEC.fullmatch(spec) if kind is not None else None
    if match is None:
        return None
    width, prec, conv = match.group("width", "prec", "type")
    if len(width) > 18 or (prec and len(prec) > 18):
        return None                             # beyond Py_ssize_t: "Too many decimal digits"
    width = int(width) if width else 0
    prec = int(prec) if prec else 0
    if kind is str:
        natural = min(str.__len__(value), prec) if prec else str.__len__(value)
    elif kind is Decimal:
        natural = prec + 40
        if conv in ("f", "F", "%") and Decimal.is_finite(value):
            natural += abs(Decimal.as_tuple(value).exponent) + abs(Decimal.adjusted(value))
    elif prec > _INT_MAX:
        return None                             # "precision too big"
    elif kind is int and (conv is None or conv not in "eEfFgG%"):
        natural = int.bit_length(value) + 2     # precision is not allowed for int codes
    else:
        natural = (prec + _FLOAT_DIGITS) * (2 if kind is complex else 1)
    return max(width, natural)


def _spec_bytes(value, spec: str):
    chars = _spec_chars(value, spec)
    if chars is None or chars < SMALL:
        return chars
    fill = spec[0] if len(spec) > 1 and spec[1] in "<>=^" else " "
    return _result_bytes(str, chars, fill, value)


def check_format_spec(value, spec: str, meter) -> None:
    """Pre-check format(value, spec) for an already-substituted spec (nested `{}` fields of an
    f-string or str.format replaced). f'{1:{3 * 10**9}}' wrote 2.8 GB in 3.5 s (§3b);
    format(1.0, '.2000000000f') asks 2 GB."""
    if (len(spec) <= 5 or _FIVE_DIGITS.search(spec) is None) \
            and not issubclass(type(value), Decimal):
        return                                  # widths and precisions below 10**5
    nbytes = _spec_bytes(value, spec)
    if nbytes is not None and nbytes >= SMALL:
        _alloc(meter, nbytes, f"a format spec of {spec[:40]!r}")


_FIVE_DIGITS = re.compile(r"\d{5}")
_FORMAT_QUICK = re.compile(r"\d{5}|\{[^{}]*\{")        # a big number, or a nested field
_parse_format = Formatter().parse
_SIMPLE_FIELD = re.compile(r"\d*|[^\d.\[][^.\[]*")


def _field_value(name, args, kwargs, auto):
    """The value of a plain field ('', '0', 'name'); None for attribute/index paths."""
    if not _SIMPLE_FIELD.fullmatch(name):
        return None
    if name == "" or name.isdecimal():
        index = auto if name == "" else int(name)
        return args[index] if index < len(args) else None
    return kwargs.get(name) if type(kwargs) is dict else None


def _str_format(fmt, args, kwargs, meter) -> None:
    """str.format / format_map: sums every field's width; '{:{}}'.format(1, 10**9) takes the
    nested width from the args. Paths (`{0.x}`, `{0[k]}`) are left to the interpreter's guard."""
    if str.__len__(fmt) < 256 and _FORMAT_QUICK.search(fmt) is None:
        return                                  # under 128 fields of < 10**5 chars each
    total, auto = str.__len__(fmt), 0
    try:
        fields = list(_parse_format(fmt))
    except ValueError:
        return                                  # CPython raises the same ValueError
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        value = _field_value(name, args, kwargs, auto)
        auto += name == ""
        if spec and "{" in spec:
            parts = []
            for literal, inner, _, _ in _parse_format(spec):
                inner_value = _field_value(inner, args, kwargs, auto) if inner is not None else ""
                auto += inner == ""
                if type(inner_value) not in (int, str):
                    return
                try:
                    parts.append(literal + str(inner_value))
                except ValueError:
                    return                      # over 4300 digits: CPython raises the same
            spec = "".join(parts)
        if conversion:
            value = ""
        chars = _spec_chars(value, spec) if value is not None and spec else None
        total += chars or 0
    if total >= SMALL:
        _alloc(meter, _result_bytes(str, total, fmt), "str.format")


# -- builtin callables -----------------------------------------------------------------------

def _arg(args, kwargs, index, name, default=None):
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default) if kwargs else default


def _pad(self, args, kwargs, meter) -> None:
    """ljust/rjust/center/zfill(width): 'a'.ljust(3 * 10**9) wrote 2.8 GB in 3.3 s (§3b)."""
    if args and type(args[0]) is int and args[0] < 1024:
        return
    base, width = _seq_base(self), _as_int(_arg(args, kwargs, 0, "width"))
    if width is None or width <= base.__len__(self) or width > _SSIZE_MAX:
        return
    if width * _ITEM_BYTES[base] >= SMALL:
        fill = args[1] if len(args) > 1 else " "
        _alloc(meter, _result_bytes(base, width, self, fill),
               f"{base.__name__} padding to {width:,}")


def _expandtabs(self, args, kwargs, meter) -> None:
    """expandtabs(n) adds up to n characters per tab: ('\\t'*2).expandtabs(2**31-1) asks 4 GB."""
    base, size = _seq_base(self), _as_int(_arg(args, kwargs, 0, "tabsize", 8))
    if size is None or size <= 1 or size > _INT_MAX:
        return
    length = base.__len__(self)
    if (length + 1) * size < SMALL:
        return
    tab = "\t" if base is str else b"\t"
    chars = length + base.count(self, tab) * size
    if chars >= SMALL:
        _alloc(meter, _result_bytes(base, chars, self), "expandtabs")


def _replace(self, args, kwargs, meter) -> None:
    """replace(old, new): ('a'*10**5).replace('', 'b'*10**5) asks 10**10 chars (§3b); growth is
    (len+1)*len(new) for an empty `old`, else count(old)*(len(new)-len(old))."""
    if len(args) < 2:
        return
    if type(self) is str and type(args[0]) is str and type(args[1]) is str and \
            len(self) + (len(self) + 1) * len(args[1]) < SMALL:
        return                                  # the result cannot reach SMALL characters
    base, old, new = _seq_base(self), args[0], args[1]
    allowed = (str,) if base is str else (bytes, bytearray)
    if _seq_base(old) not in allowed or _seq_base(new) not in allowed:
        return                                  # CPython raises TypeError
    length = base.__len__(self)
    lold, lnew = _seq_base(old).__len__(old), _seq_base(new).__len__(new)
    count = _as_int(args[2]) if len(args) > 2 else -1
    if lnew <= lold or count is None:
        return
    times = length + 1 if lold == 0 else length // lold
    if count >= 0:
        times = min(times, count)
    if length + times * (lnew - lold) < SMALL:
        return
    if lold:
        times = min(times, base.count(self, old))
    chars = length + times * (lnew - lold)
    if chars >= SMALL:
        _alloc(meter, _result_bytes(base, chars, self, new), "replace")


def _join(self, args, kwargs, meter) -> None:
    """sep.join(seq): ('x'*10**6).join('a'*10**4) asks 10**10 chars (§3b). Only lists, tuples
    and strs are sized here; the interpreter materialises other iterables (metered) first."""
    base, items = _seq_base(self), args[0] if args else None
    kind = _seq_base(items)
    if kind is str and base is str:
        count = body = str.__len__(items)
        strs = [self, items]
    elif kind is list or kind is tuple:
        items = _plain(items, kind)
        count = len(items)
        try:
            body = sum(map(str.__len__ if base is str else _buffer_len, items))
        except TypeError:
            return                              # CPython raises its own TypeError
        strs = [self, *items] if base is str else []
    else:
        return
    chars = body + base.__len__(self) * max(count - 1, 0)
    if chars * _ITEM_BYTES[base] >= SMALL:
        nbytes = _str_bytes(chars, strs) if base is str else chars
        _alloc(meter, nbytes, f"{base.__name__}.join")


def _buffer_len(x) -> int:
    base = _seq_base(x)
    if base is bytes or base is bytearray:
        return base.__len__(x)
    raise TypeError("not a bytes-like object")


def _translate(self, args, kwargs, meter) -> None:
    """str.translate: ('a'*10**4).translate({97: 'b'*10**6}) took 3 GB (§3b); bound
    len * longest replacement. Sandbox mapping objects are called by CPython per character."""
    table = args[0] if args else None
    if type(table) is not dict:
        return
    length = str.__len__(self)
    values = [v for v in table.values() if issubclass(type(v), str)]
    longest = max(map(str.__len__, values), default=1)
    if length * longest >= SMALL:
        _alloc(meter, _str_bytes(length * longest, [self, *values]), "str.translate")


def _to_bytes(self, args, kwargs, meter) -> None:
    """(0).to_bytes(3 * 10**9, 'big') wrote 2.8 GB in 9.2 s (§3b)."""
    length = _as_int(_arg(args, kwargs, 0, "length", 1))
    if length is not None and SMALL <= length <= _SSIZE_MAX:
        _alloc(meter, length, f"int.to_bytes({length:,})")


def _extend(self, args, kwargs, meter) -> None:
    """list/bytearray.extend(sized): `l.extend(l)` doubles per call, faster than memory polls."""
    other = args[0] if args else None
    size = len(other) if type(other) in _SIZED else None
    if size:
        base = list if issubclass(type(self), list) else bytearray
        nbytes = (base.__len__(self) + size) * _ITEM_BYTES[base]
        if nbytes >= SMALL:
            _alloc(meter, nbytes, f"{base.__name__}.extend")


def _hex(self, args, kwargs, meter) -> None:
    """bytes.hex(sep): three characters per byte at most."""
    nbytes = 3 * _seq_base(self).__len__(self)
    if nbytes >= SMALL:
        _alloc(meter, nbytes, "hex")


def _getrandbits(self, args, kwargs, meter) -> None:
    """Random.getrandbits(k): a k-bit int (random.randbytes(n) is getrandbits(8n), §3b)."""
    bits = _as_int(args[0]) if args else None
    if bits is not None and bits >= 8 * SMALL:
        _alloc(meter, _int_bytes(bits), "getrandbits")


def _new_buffer(args, kwargs, meter) -> None:
    """bytes(n), bytearray(n): 3 GB of address space (bytes) or 7.5 s of writes (bytearray)."""
    size = _as_int(_arg(args, kwargs, 0, "source"))
    if size is not None and SMALL <= size <= _SSIZE_MAX:
        _alloc(meter, size, f"a buffer of {size:,} bytes")


def _pow_call(args, kwargs, meter) -> None:
    """pow(b, e[, m]); with a modulus each exponent bit costs a square and a reduction:
    pow(3, 1 << 10**8, (1 << 4000) + 1) ran > 11 s (§3a), 10**5 exponent bits 3.0 s."""
    base = _as_int(_arg(args, kwargs, 0, "base"))
    exp = _as_int(_arg(args, kwargs, 1, "exp"))
    mod = _arg(args, kwargs, 2, "mod")
    if base is None or exp is None:
        return
    if mod is None:
        return _int_pow(base, exp, meter)
    mod = _as_int(mod)
    if mod is None or mod in (0, 1, -1):
        return
    ebits, mbits = exp.bit_length(), mod.bit_length()
    if ebits <= 64 and mbits <= 2048 and -_BIG < base < _BIG:
        return
    step = _mul_ns(mbits, mbits) + _div_ns(2 * mbits, mbits)    # one square, one reduction
    ns = _div_ns(base.bit_length(), mbits) + ebits * step
    if exp < 0:
        ns += 4 * _NS_DIV * _digits(mbits) ** 2          # the modular inverse (extended Euclid)
    _charge(meter, ns, "pow(base, exp, mod)")


def _format_call(args, kwargs, meter) -> None:
    spec = _arg(args, kwargs, 1, "format_spec", "")
    if args and type(spec) is str:
        check_format_spec(args[0], spec, meter)


def _divmod_call(args, kwargs, meter) -> None:
    if len(args) == 2:
        _int_div(args[0], args[1], meter, "divmod")


def _round_call(args, kwargs, meter) -> None:
    """round(int, -n) computes 10**n first: round(1, -10**6) took 0.2 s, -10**30 never ends."""
    number, ndigits = _as_int(_arg(args, kwargs, 0, "number")), _arg(args, kwargs, 1, "ndigits")
    ndigits = _as_int(ndigits) if ndigits is not None else None
    if number is not None and ndigits is not None and ndigits < -64:
        _int_pow(10, -ndigits, meter)


def _factorial(args, kwargs, meter) -> None:
    """math.factorial(10**6) took 4.7 s, 10**5 0.09 s (§3a): two squares of half the result."""
    n = _as_int(args[0]) if args else None
    if n is not None and 2000 < n <= _SSIZE_MAX:
        bits = math.lgamma(n + 1) / math.log(2)
        _alloc(meter, _int_bytes(bits), "math.factorial")
        _charge(meter, 2 * _mul_ns(bits / 2, bits / 2), "math.factorial")


def _comb_perm(args, kwargs, meter, comb: bool) -> None:
    """math.comb(10**6, 5 * 10**5) took 5.8 s and perm(3 * 10**6) > 11 s (§3a). comb is
    dominated by divisions (result digits * k digits), perm by the products, like factorial."""
    n = _as_int(args[0]) if args else None
    k = _as_int(args[1]) if len(args) > 1 else n
    if n is None or k is None or k < 0 or k > n or n < 2000:
        return
    k = min(k, n - k) if comb else k
    if k < 64 or k > _SSIZE_MAX:
        return
    if comb:
        bits = k * (math.log2(n) - math.log2(k) + 1.443)
        ns = _NS_COMB * _digits(bits) * _digits(k) + 2 * _mul_ns(bits / 2, bits / 2)
    else:
        bits = k * math.log2(n)
        ns = 2 * _mul_ns(bits / 2, bits / 2)
    what = "math.comb" if comb else "math.perm"
    _alloc(meter, _int_bytes(bits), what)
    _charge(meter, ns, what)


def _isqrt(args, kwargs, meter) -> None:
    """math.isqrt is Newton with quadratic division: a 10**7-bit argument took 18.7 s."""
    n = _as_int(args[0]) if args else None
    if n is not None and n >= _BIG:
        digits = _digits(n.bit_length())
        _charge(meter, _NS_DIV * digits * digits / 4, "math.isqrt")


def _prod(args, kwargs, meter) -> None:
    """math.prod multiplies left to right, quadratic in the result: prod(range(1, 10**5))
    took 1.4 s (§3a). Sized for lists, tuples and ranges of ints; the interpreter meters others."""
    items = args[0] if args else None
    if type(items) is range:
        if len(items) < 64 or 0 in items:
            return
        count, top = len(items), max(abs(items.start), abs(items.stop)).bit_length()
    elif _seq_base(items) in (list, tuple):
        try:
            sizes = list(map(int.bit_length, _plain(items, _seq_base(items))))
        except TypeError:
            return                              # floats and others: no big-int growth
        if not sizes:
            return
        count, top = len(sizes), max(sizes)
    else:
        return
    bits = count * top
    if bits >= 1 << 16:
        _alloc(meter, _int_bytes(bits), "math.prod")
        _charge(meter, count * _mul_ns(bits / 2, top), "math.prod")


def _sum_call(args, kwargs, meter) -> None:
    """sum(lists, []) copies the growing prefix every step: sum([[0]] * 10**6, []) > 11 s (§3a)."""
    start = _arg(args, kwargs, 1, "start")
    base = _seq_base(start) if start is not None else None
    items = args[0] if args else None
    if base not in (list, tuple) or _seq_base(items) not in (list, tuple):
        return
    try:
        lengths = list(map(base.__len__, _plain(items, _seq_base(items))))
    except TypeError:
        return                                  # mixed types: CPython raises TypeError
    total = base.__len__(start) + sum(lengths)
    if 8 * total >= SMALL:
        _alloc(meter, 8 * total, "sum of sequences")
    _charge(meter, _NS_SEQ_COPY * sum(accumulate(lengths, initial=base.__len__(start))),
            "sum of sequences")


_SIZED = frozenset({list, tuple, str, bytes, bytearray, dict, set, frozenset, range,
                    type({}.keys()), type({}.values()), type({}.items())})


_METHOD_CHECKS = {
    (str, "translate"): _translate,
    (str, "format"): _str_format,
    (str, "format_map"): lambda s, a, k, m: _str_format(s, (), a[0] if a else None, m),
    (int, "to_bytes"): _to_bytes,
    (list, "extend"): _extend,
    (bytearray, "extend"): _extend,
    (bytes, "hex"): _hex,
    (bytearray, "hex"): _hex,
}
for _type in (str, bytes, bytearray):
    for _name, _check in (("ljust", _pad), ("rjust", _pad), ("center", _pad), ("zfill", _pad),
                          ("expandtabs", _expandtabs), ("replace", _replace), ("join", _join)):
        _METHOD_CHECKS[(_type, _name)] = _check
try:
    from _random import Random as _CRandom
    _METHOD_CHECKS[(_CRandom, "getrandbits")] = _getrandbits
except ImportError:                             # pragma: no cover - CPython always has _random
    pass
_BY_NAME = {}                                   # method name -> {builtin type: check}
for (_type, _name), _check in _METHOD_CHECKS.items():
    _BY_NAME.setdefault(_name, {})[_type] = _check


def _unbound(check):
    """`str.center('x', n)`: the descriptor called with self as the first argument."""
    return lambda args, kwargs, meter: check(args[0], args[1:], kwargs, meter) if args else None


_CALL_CHECKS = {
    bytes: _new_buffer, bytearray: _new_buffer, pow: _pow_call, format: _format_call,
    divmod: _divmod_call, round: _round_call, sum: _sum_call,
    math.factorial: _factorial, math.isqrt: _isqrt, math.prod: _prod,
    math.comb: lambda a, k, m: _comb_perm(a, k, m, True),
    math.perm: lambda a, k, m: _comb_perm(a, k, m, False),
}
for (_type, _name), _check in _METHOD_CHECKS.items():
    _CALL_CHECKS[getattr(_type, _name)] = _unbound(_check)

_BUILTIN_METHOD = type(len)


def check_call(func, args, kwargs, meter) -> None:
    """Pre-check a call of a builtin function or builtin-type method (the REAL callable): one
    dict lookup on the callable, then one on a bound method's name; else returns."""
    try:
        check = _CALL_CHECKS.get(func)
    except TypeError:                           # unhashable: not a builtin we know
        return
    if check is not None:
        return check(args, kwargs, meter)
    if type(func) is not _BUILTIN_METHOD:
        return
    by_type = _BY_NAME.get(func.__name__)
    if by_type is None:
        return
    owner = func.__self__
    check = by_type.get(type(owner))
    if check is None:
        for base in _mro_of(type(owner))[1:-1]:  # a subclass of str, int, ... inherits the method
            check = by_type.get(base)
            if check is not None:
                break
        else:
            return
    check(owner, args, kwargs, meter)


def method_check(t: type, name: str):
    """The pre-check `check(obj, args, kwargs, meter)` of builtin type t's method `name`, or None."""
    return _METHOD_CHECKS.get((t, name))


def checked_method_names() -> frozenset:
    """Names of builtin-type methods that have a pre-check here (the interpreter calls every other
    method of a reviewed builtin type directly)."""
    return frozenset(_BY_NAME)
