"""Expression handlers: one per ast node class, each returning a closure `(frame) -> value`.

Every attribute read goes through guards.get_attr; every call of a host builtin through
calls.host_call; operators that can allocate a lot go through sizes.check_binop first.
"""
from __future__ import annotations

import ast
import operator as op

from . import calls, fused, guards, policy, shapes
from .compiler import EXPR, Compiler, Unsupported
from .guards import get_attr, is_plain_name
from .signals import Refused

from . import sizes

_FunctionType = type(lambda: None)
_MethodType = type(calls.meter_iterable.__get__(1))
_BUILTINS = calls.BUILTIN_CALLABLE_TYPES

BINOPS = {
    ast.Add: op.add, ast.Sub: op.sub, ast.Mult: op.mul, ast.Div: op.truediv,
    ast.FloorDiv: op.floordiv, ast.Mod: op.mod, ast.Pow: op.pow, ast.LShift: op.lshift,
    ast.RShift: op.rshift, ast.BitOr: op.or_, ast.BitXor: op.xor, ast.BitAnd: op.and_,
    ast.MatMult: op.matmul,
}
INPLACE = {
    ast.Add: op.iadd, ast.Sub: op.isub, ast.Mult: op.imul, ast.Div: op.itruediv,
    ast.FloorDiv: op.ifloordiv, ast.Mod: op.imod, ast.Pow: op.ipow, ast.LShift: op.ilshift,
    ast.RShift: op.irshift, ast.BitOr: op.ior, ast.BitXor: op.ixor, ast.BitAnd: op.iand,
    ast.MatMult: op.imatmul,
}
CHECKED = {ast.Add: "Add", ast.Mult: "Mult", ast.Pow: "Pow", ast.LShift: "LShift",
           ast.Mod: "Mod", ast.FloorDiv: "FloorDiv"}
UNARY = {ast.USub: op.neg, ast.UAdd: op.pos, ast.Invert: op.invert, ast.Not: op.not_}


def _contains(meter, container, item):
    """`item in container` with C scans bounded: iterators are metered, sequences charged."""
    t = type(container)
    if t in (list, tuple, str, bytes, bytearray, type({}.values())):
        meter.tick(len(container) // 8 + 1)
        return item in container
    if t is range and type(item) is not int:
        meter.tick(len(container) + 1)
        return item in container
    if t in calls.SIZED or hasattr(t, "__contains__"):
        return item in container
    for x in meter.metered(container):
        if x is item or x == item:
            return True
    return False


def _not_contains(meter, container, item):
    return not _contains(meter, container, item)


COMPARE = {
    ast.Eq: op.eq, ast.NotEq: op.ne, ast.Lt: op.lt, ast.LtE: op.le, ast.Gt: op.gt,
    ast.GtE: op.ge, ast.Is: op.is_, ast.IsNot: op.is_not,
}


def checked_binop(opname: str, fn):
    def apply(meter, a, b):
        sizes.check_binop(opname, a, b, meter)
        return fn(a, b)
    return apply


def inplace_apply(opnode: type):
    """`(meter, a, b) -> a op= b` with the size pre-check of the operator."""
    fn = INPLACE[opnode]
    name = CHECKED.get(opnode)
    if name is None:
        return lambda meter, a, b: fn(a, b)

    if name == "Add":
        def add_apply(meter, a, b):
            if not (type(a) is int and type(b) is int or type(a) is float):
                sizes.check_binop("Add", a, b, meter)
            return fn(a, b)
        return add_apply

    def apply(meter, a, b):
        sizes.check_binop(name, a, b, meter)
        return fn(a, b)
    return apply


def binop_closure(opnode: type, left, right):
    """A binary operator over two closures, size-checked when the operator can allocate."""
    fn = BINOPS[opnode]
    name = CHECKED.get(opnode)
    if name is None:
        return lambda f: fn(left(f), right(f))

    def checked(f):
        a = left(f)
        b = right(f)
        sizes.check_binop(name, a, b, f[0].meter)
        return fn(a, b)
    return checked


def c_Constant(c: Compiler, node: ast.Constant):
    value = node.value
    return lambda f: value


def c_Name(c: Compiler, node: ast.Name):
    return c.load_name(node.id)


def c_Attribute(c: Compiler, node: ast.Attribute):
    name = c.mangle(node.attr)
    if is_plain_name(name):
        return shapes.specialised_statement(c, "getattr", node.value, ast.Constant(name))
    obj = c.expr(node.value)

    def attr(f):
        return get_attr(obj(f), name, f[0].wraps)
    return attr


def _fused(c: Compiler, node):
    return fused.fuse(c, node, lambda op: checked_binop(CHECKED[op], BINOPS[op]), call_value,
                      _FunctionType, _MethodType)


def c_BinOp(c: Compiler, node: ast.BinOp):
    if fused.worth_fusing(node):
        return _fused(c, node)
    symbol = shapes.PLAIN_BINOPS.get(type(node.op))
    if symbol is not None:
        return shapes.specialised(c, symbol, node.left, node.right)
    if type(node.op) in shapes.CHECKED_BINOPS:
        return shapes.specialised_checked(c, type(node.op), node.left, node.right,
                                          checked_binop(CHECKED[type(node.op)],
                                                        BINOPS[type(node.op)]))
    return binop_closure(type(node.op), c.expr(node.left), c.expr(node.right))


def c_UnaryOp(c: Compiler, node: ast.UnaryOp):
    if fused.worth_fusing(node):
        return _fused(c, node)
    operand = c.expr(node.operand)
    if isinstance(node.op, ast.Not):
        return lambda f: not operand(f)
    fn = UNARY[type(node.op)]
    return lambda f: fn(operand(f))


def c_BoolOp(c: Compiler, node: ast.BoolOp):
    if fused.worth_fusing(node):
        return _fused(c, node)
    values = [c.expr(v) for v in node.values]
    if isinstance(node.op, ast.And):
        def and_(f):
            v = None
            for e in values:
                v = e(f)
                if not v:
                    return v
            return v
        return and_

    def or_(f):
        v = None
        for e in values:
            v = e(f)
            if v:
                return v
        return v
    return or_


def _compare_fn(opnode):
    if isinstance(opnode, ast.In):
        return _contains, True
    if isinstance(opnode, ast.NotIn):
        return _not_contains, True
    return COMPARE[type(opnode)], False


def c_Compare(c: Compiler, node: ast.Compare):
    if fused.worth_fusing(node):
        return _fused(c, node)
    if len(node.ops) == 1 and type(node.ops[0]) in shapes.COMPARES:
        return shapes.specialised(c, shapes.COMPARES[type(node.ops[0])], node.left,
                                  node.comparators[0])
    left = c.expr(node.left)
    rights = [c.expr(r) for r in node.comparators]
    fns = [_compare_fn(o) for o in node.ops]
    if len(rights) == 1:
        right = rights[0]
        fn, needs_meter = fns[0]
        if needs_meter:
            return lambda f: _in(fn, f, left(f), right(f))
        return lambda f: fn(left(f), right(f))
    pairs = list(zip(fns, rights))

    def chain(f):
        a = left(f)
        result = True
        for (fn, needs_meter), right in pairs:
            b = right(f)
            result = fn(f[0].meter, b, a) if needs_meter else fn(a, b)
            if not result:
                return result
            a = b
        return result
    return chain


def _in(fn, f, a, b):
    return fn(f[0].meter, b, a)


def c_IfExp(c: Compiler, node: ast.IfExp):
    if fused.worth_fusing(node):
        return _fused(c, node)
    test, body, orelse = c.expr(node.test), c.expr(node.body), c.expr(node.orelse)
    return lambda f: body(f) if test(f) else orelse(f)


def c_NamedExpr(c: Compiler, node: ast.NamedExpr):
    value = c.expr(node.value)
    store = c.store_name(node.target.id)

    def walrus(f):
        v = value(f)
        store(f, v)
        return v
    return walrus


def _elements(c: Compiler, elts):
    """Closure building a list from display elements, expanding `*x` (metered)."""
    if not any(isinstance(e, ast.Starred) for e in elts):
        parts = [c.expr(e) for e in elts]
        return lambda f: [p(f) for p in parts]
    parts = [(c.expr(e.value), True) if isinstance(e, ast.Starred) else (c.expr(e), False)
             for e in elts]

    def build(f):
        out = []
        meter = f[0].meter
        for p, star in parts:
            if star:
                v = p(f)
                try:
                    it = iter(v)
                except TypeError:
                    raise TypeError(f"Value after * must be an iterable, not "
                                    f"{type(v).__name__}") from None
                out.extend(meter.metered(it))
            else:
                out.append(p(f))
        return out
    return build


def c_List(c: Compiler, node: ast.List):
    return _elements(c, node.elts)


def c_Tuple(c: Compiler, node: ast.Tuple):
    if all(isinstance(e, ast.Constant) for e in node.elts):
        value = tuple(e.value for e in node.elts)
        return lambda f: value
    if not any(isinstance(e, ast.Starred) for e in node.elts):
        parts = [c.expr(e) for e in node.elts]
        if len(parts) == 2:
            p0, p1 = parts

            def pair(f):
                t = (p0(f), p1(f))
                if type(t[0]) is tuple or type(t[1]) is tuple:
                    return calls.track_tuple(f[0].meter, t)
                return t
            return pair

        def tuple_display(f):
            t = tuple([p(f) for p in parts])
            for e in t:
                if type(e) is tuple:
                    return calls.track_tuple(f[0].meter, t)
            return t
        return tuple_display
    build = _elements(c, node.elts)
    return lambda f: calls.track_tuple(f[0].meter, tuple(build(f)))


def c_Set(c: Compiler, node: ast.Set):
    build = _elements(c, node.elts)
    return lambda f: set(build(f))


def c_Dict(c: Compiler, node: ast.Dict):
    items = [(None if k is None else c.expr(k), c.expr(v)) for k, v in zip(node.keys, node.values)]

    def build(f):
        d = {}
        for k, v in items:
            if k is None:
                m = v(f)
                if not hasattr(type(m), "keys"):
                    raise TypeError(f"'{type(m).__name__}' object is not a mapping")
                f[0].meter.tick(len(m) + 1 if type(m) is dict else 1)
                d.update(m)
            else:
                key = k(f)
                d[key] = v(f)
        return d
    return build


def c_Subscript(c: Compiler, node: ast.Subscript):
    return shapes.specialised_statement(c, "getitem", node.value, node.slice)


def c_Slice(c: Compiler, node: ast.Slice):
    lo = c.expr(node.lower) if node.lower else (lambda f: None)
    hi = c.expr(node.upper) if node.upper else (lambda f: None)
    st = c.expr(node.step) if node.step else (lambda f: None)
    return lambda f: slice(lo(f), hi(f), st(f))


def c_Starred(c: Compiler, node: ast.Starred):
    raise Unsupported("can't use starred expression here", node)


def c_JoinedStr(c: Compiler, node: ast.JoinedStr):
    if 1 < len(node.values) <= 32:
        return fused.fuse_fstring(c, node)
    parts = [c.expr(v) for v in node.values]
    if len(parts) == 1:
        p0 = parts[0]
        return lambda f: p0(f)

    def joined(f):
        return "".join([p(f) for p in parts])
    return joined


CONVERSIONS = {-1: None, 115: str, 114: repr, 97: ascii}


def c_FormattedValue(c: Compiler, node: ast.FormattedValue):
    value = c.expr(node.value)
    conv = CONVERSIONS[node.conversion]
    spec = c.expr(node.format_spec) if node.format_spec is not None else None

    def formatted(f):
        v = value(f)
        if conv is not None:
            v = conv(v)
        s = spec(f) if spec is not None else ""
        if s:
            sizes.check_format_spec(v, s, f[0].meter)
        if type(v) is str and not s:
            return v
        return format(v, s)
    return formatted


def funcstr(fn) -> str:
    """How CPython names a callee in call errors: '__main__.f()', 'print()'."""
    if type(fn) in (_FunctionType, _MethodType):
        fn = getattr(fn, "__func__", fn)
        if fn.__module__ in (None, "builtins"):
            return f"{fn.__qualname__}()"
        return f"{fn.__module__}.{fn.__qualname__}()"
    name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    return f"{name}()" if isinstance(name, str) else f"{type(fn).__name__} object"


def _call_args(c: Compiler, node: ast.Call):
    """Closures `(frame, callee) -> args tuple` and `(frame, callee) -> kwargs dict` (the callee
    only names itself in CPython's error messages)."""
    if not any(isinstance(a, ast.Starred) for a in node.args):
        pos = [c.expr(a) for a in node.args]
        args = lambda f, fn: tuple([p(f) for p in pos])  # noqa: E731
    else:
        parts = [(c.expr(e.value), True) if isinstance(e, ast.Starred) else (c.expr(e), False)
                 for e in node.args]

        def args(f, fn):
            out = []
            for p, star in parts:
                if not star:
                    out.append(p(f))
                    continue
                v = p(f)
                try:
                    it = iter(v)
                except TypeError:
                    raise TypeError(f"{funcstr(fn)} argument after * must be an iterable, not "
                                    f"{type(v).__name__}") from None
                out.extend(f[0].meter.metered(it))
            return tuple(out)
    if not node.keywords:
        return args, None
    kws = [(k.arg, c.expr(k.value)) for k in node.keywords]
    if all(k.arg is not None for k in node.keywords):
        return args, lambda f, fn: {k: v(f) for k, v in kws}

    def kwargs(f, fn):
        d = {}
        for k, v in kws:
            if k is None:
                m = v(f)
                if not hasattr(type(m), "keys"):
                    raise TypeError(f"{funcstr(fn)} argument after ** must be a mapping, not "
                                    f"{type(m).__name__}")
                f[0].meter.tick(len(m) if type(m) is dict else 1)
                for key in m.keys():
                    if type(key) is not str:
                        raise TypeError("keywords must be strings")
                    if key in d:
                        raise TypeError(f"{funcstr(fn)} got multiple values for keyword "
                                        f"argument '{key}'")
                    d[key] = m[key]
            else:
                if k in d:
                    raise TypeError(f"{funcstr(fn)} got multiple values for keyword argument "
                                    f"'{k}'")
                d[k] = v(f)
        return d
    return args, kwargs


_HOST_CALLED = frozenset(calls.BUILTIN_CALLABLE_TYPES) | {type}
# Builtin exception classes: constructing one allocates nothing its arguments do not already hold
# and runs no sandbox-chosen iteration (the groups, which take a sequence, are left out).
_PLAIN_EXCEPTIONS = frozenset(e for e in policy.BUILTIN_EXCEPTIONS.values()
                              if not issubclass(e, BaseExceptionGroup))


def call_value(meter, fn, args, kwargs):
    """Call `fn` from sandboxed code: sandbox and pure-Python functions directly, C callables
    (and classes) through host_call's pre-checks."""
    if type(fn) in _HOST_CALLED:
        if fn in _PLAIN_EXCEPTIONS:
            return fn(*args, **kwargs) if kwargs else fn(*args)
        return calls.host_call(meter, fn, args, kwargs or {})
    if kwargs:
        return fn(*args, **kwargs)
    return fn(*args)


def _zero_arg_super(c: Compiler, node: ast.Call):
    scope = c.scope
    slot = scope.slots.get("__class__")
    if slot is None or not scope.params:
        def no_args(f):
            raise RuntimeError("super(): no arguments")
        return no_args
    first = scope.slots[scope.params[0]]
    from .guards import Cell

    def zsuper(f):
        cls = f[slot].v
        obj = f[first]
        if type(obj) is Cell:
            obj = obj.v
        return super(cls, obj)
    return zsuper


_DIRECT_CACHE: dict = {}


def _direct(t: type, name: str):
    """May `obj.name(...)` on a builtin-type object call the real method without the general
    checked call? True: with no check at all; a function `check(obj, args, kwargs, meter)`: after
    that size pre-check (str.replace, list.extend); False: take the general path. Only reviewed
    attributes with no wrap and no iterable argument to meter qualify."""
    key = (t, name)
    ok = _DIRECT_CACHE.get(key)
    if ok is None:
        table = policy.TYPE_ATTRS.get(t)
        ok = (table is not None and name in table and name not in calls.CONSUMER_METHODS
              and name not in ("join", "format", "format_map"))
        if ok and name in sizes.checked_method_names():
            ok = sizes.method_check(t, name) or False
        _DIRECT_CACHE[key] = ok
    return ok


def _method_call(c: Compiler, node: ast.Call):
    """`obj.name(a, b)`: a str/list/dict method with nothing to check is called directly; anything
    else takes the guarded attribute read and the checked call."""
    obj = c.expr(node.func.value)
    name = c.mangle(node.func.attr)
    pos = [c.expr(a) for a in node.args]
    direct_cache = _DIRECT_CACHE
    NOT_PLAIN = guards.NOT_PLAIN

    def invoke(f, fn, args):
        if type(fn) is _FunctionType or type(fn) is _MethodType:
            return fn(*args)
        return call_value(f[0].meter, fn, args, None)

    # Objects of types outside NOT_PLAIN (sandbox instances, host objects without per-type
    # rules) are read with plain getattr: the name was checked at compile time. Only builtin
    # types (all in NOT_PLAIN) can have direct methods.
    if len(pos) == 0:
        def mcall0(f):
            o = obj(f)
            t = type(o)
            if t not in NOT_PLAIN:
                fn = getattr(o, name)
                if type(fn) is _MethodType or type(fn) is _FunctionType:
                    return fn()
                return call_value(f[0].meter, fn, (), None)
            ok = direct_cache.get((t, name))
            if ok is None:
                ok = _direct(t, name)
            if ok is True:
                return getattr(o, name)()
            if ok is not False:
                ok(o, (), {}, f[0].meter)
                return getattr(o, name)()
            return invoke(f, get_attr(o, name, f[0].wraps), ())
        return mcall0
    if len(pos) == 1:
        (a0,) = pos

        def mcall1(f):
            o = obj(f)
            t = type(o)
            if t not in NOT_PLAIN:
                fn = getattr(o, name)
                if type(fn) is _MethodType or type(fn) is _FunctionType:
                    return fn(a0(f))
                return call_value(f[0].meter, fn, (a0(f),), None)
            ok = direct_cache.get((t, name))
            if ok is None:
                ok = _direct(t, name)
            if ok is True:
                return getattr(o, name)(a0(f))
            if ok is not False:
                x = a0(f)
                ok(o, (x,), {}, f[0].meter)
                return getattr(o, name)(x)
            fn = get_attr(o, name, f[0].wraps)
            return invoke(f, fn, (a0(f),))
        return mcall1
    a0, a1 = pos

    def mcall2(f):
        o = obj(f)
        t = type(o)
        if t not in NOT_PLAIN:
            fn = getattr(o, name)
            if type(fn) is _MethodType or type(fn) is _FunctionType:
                return fn(a0(f), a1(f))
            return call_value(f[0].meter, fn, (a0(f), a1(f)), None)
        ok = direct_cache.get((t, name))
        if ok is None:
            ok = _direct(t, name)
        if ok is True:
            return getattr(o, name)(a0(f), a1(f))
        if ok is not False:
            x, y = a0(f), a1(f)
            ok(o, (x, y), {}, f[0].meter)
            return getattr(o, name)(x, y)
        fn = get_attr(o, name, f[0].wraps)
        return invoke(f, fn, (a0(f), a1(f)))
    return mcall2


def c_Call(c: Compiler, node: ast.Call):
    if (isinstance(node.func, ast.Name) and node.func.id == "super" and not node.args
            and not node.keywords and c.scope.resolve("super")[0] == "global"):
        return _zero_arg_super(c, node)
    if (isinstance(node.func, ast.Attribute) and is_plain_name(c.mangle(node.func.attr))
            and not node.keywords and len(node.args) <= 2
            and not any(isinstance(a, ast.Starred) for a in node.args)):
        return _method_call(c, node)
    if fused.worth_fusing(node):
        return _fused(c, node)
    plain = not node.keywords and all(not isinstance(a, ast.Starred) for a in node.args)
    if plain and len(node.args) <= 2:
        return shapes.specialised_call(c, node.func, node.args, call_value, _FunctionType,
                                       _MethodType)
    func = c.expr(node.func)
    args, kwargs = _call_args(c, node)

    def call(f):
        fn = func(f)
        a = args(f, fn)
        k = kwargs(f, fn) if kwargs is not None else None
        if type(fn) is _FunctionType or type(fn) is _MethodType:
            return fn(*a, **k) if k else fn(*a)
        return call_value(f[0].meter, fn, a, k)
    return call


def c_Await(c: Compiler, node):
    raise Unsupported("'await' is not supported: async code cannot run in the sandbox", node)


def c_Yield(c: Compiler, node):
    raise Unsupported("'yield' is only supported as a statement (`yield x`), or as the value of "
                      "an assignment (`y = yield x`)", node)


for _cls, _fn in list(globals().items()):
    if _cls.startswith("c_") and hasattr(ast, _cls[2:]):
        EXPR[getattr(ast, _cls[2:])] = _fn
EXPR[ast.YieldFrom] = c_Yield
EXPR[ast.Yield] = c_Yield
__all__ = ["binop_closure", "call_value", "Refused"]
