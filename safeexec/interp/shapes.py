"""Closures specialised by operand shape for the hottest nodes (binary operators, comparisons):
an operand that is a local slot, a global or a constant is read inline instead of through a
closure call.

The shapes are generated once, at import, from the templates below (our own source, never user
input), as DESIGN.md's engine notes ask: building a closure shape per run costs 60-100 us.
"""
from __future__ import annotations

import ast

from . import guards
from .runtime import UNBOUND
from .templates import compile_template

# Operators CPython evaluates without any size risk: no pre-check needed.
PLAIN_BINOPS = {ast.Sub: "-", ast.Div: "/", ast.RShift: ">>",
                ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.MatMult: "@"}
COMPARES = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
            ast.GtE: ">=", ast.Is: "is", ast.IsNot: "is not"}

# Operators that can allocate a lot or run long in C: a cheap inline test admits the common
# small cases, everything else goes through `slow` (sizes.check_binop, then the operator).
CHECKED_BINOPS = {
    ast.Add: ("+", "type(x) is int and type(y) is int or type(x) is float"),
    ast.Mult: ("*", "type(x) is float or type(x) is int and type(y) is int and "
                    "x.bit_length() + y.bit_length() < 4096"),
    ast.Mod: ("%", "type(x) is int and type(y) is int and x.bit_length() < 4096 or "
                   "type(x) is float"),
    ast.FloorDiv: ("//", "type(x) is int and type(y) is int and x.bit_length() < 4096 or "
                         "type(x) is float"),
    ast.Pow: ("**", "type(x) is float and type(y) is float or type(x) is int and type(y) is int "
                    "and 0 <= y < 64 and x.bit_length() < 64"),
    ast.LShift: ("<<", "type(x) is int and type(y) is int and 0 <= y < 64 and "
                       "x.bit_length() < 64"),
}

_READ = {
    "e": "{side}(f)",
    "l": "_v{side} if (_v{side} := f[{side}]) is not UNBOUND else unbound({side}_name)",
    "c": "{side}",
    "g": "_v{side} if (_v{side} := f[0].g.get({side}, UNBOUND)) is not UNBOUND "
         "else load_global(f, {side})",
}


def _unbound(name):
    raise UnboundLocalError(f"cannot access local variable '{name}' where it is not associated "
                            f"with a value")


def _load_global(f, name):
    """A module-level name that is not in the globals: a builtin, or NameError."""
    try:
        return f[0].b[name]
    except KeyError:
        raise NameError(f"name '{name}' is not defined") from None


_NS = {"UNBOUND": UNBOUND, "unbound": _unbound, "load_global": _load_global,
       "NOT_PLAIN": guards.NOT_PLAIN, "get_attr": guards.get_attr, "set_attr": guards.set_attr,
       "PURE_MARK": guards.PURE_MARK,
       "SEQUENCES": frozenset({list, tuple, str, bytes, bytearray})}


def _make(key):
    """Compile the shape `key` = (operator, left shape, right shape) from its template."""
    op_or_symbol, ls, rs = key
    left = _READ[ls].format(side="a")
    right = _READ[rs].format(side="b")
    if op_or_symbol in CHECKED_BINOPS:
        symbol, cond = CHECKED_BINOPS[op_or_symbol]
        src = (f"def make(a, b, a_name, b_name, slow):\n"
               f"    def op(f):\n"
               f"        x = {left}\n"
               f"        y = {right}\n"
               f"        if {cond}:\n"
               f"            return x {symbol} y\n"
               f"        return slow(f[0].meter, x, y)\n"
               f"    return op\n")
    else:
        src = (f"def make(a, b, a_name, b_name):\n"
               f"    def op(f):\n"
               f"        return ({left}) {op_or_symbol} ({right})\n"
               f"    return op\n")
    return compile_template(src, f"<shape {ls}{op_or_symbol}{rs}>", _NS)


def _make_call(key):
    """A call `fn(a, b)` (0-2 positional arguments) with each part read by its shape: sandbox
    functions and bound methods are called directly, everything else through `call_value`."""
    _, fs, *arg_shapes = key
    sides = ["a", "b"][:len(arg_shapes)]
    reads = "".join(f"        _{side} = {_READ[shape].format(side=side)}\n"
                    for side, shape in zip(sides, arg_shapes))
    args = ", ".join(f"_{side}" for side in sides)
    src = (f"def make(fn, a, b, fn_name, a_name, b_name, call_value, FT, MT):\n"
           f"    def call(f):\n"
           f"        _fn = {_READ[fs].format(side='fn')}\n"
           f"{reads}"
           f"        if type(_fn) is FT or type(_fn) is MT:\n"
           f"            return _fn({args})\n"
           f"        return call_value(f[0].meter, _fn, ({args}{',' if len(sides) == 1 else ''}), None)\n"
           f"    return call\n")
    return compile_template(src, f"<shape call {fs}{''.join(arg_shapes)}>", _NS)


# `obj.name` for a plain name (guards.is_plain_name): read directly unless the object's type has
# per-type rules (guards.NOT_PLAIN). Also written inline by fused expressions.
PLAIN_ATTR = ("(getattr({o}, {name}) if type({o} := {obj}) not in NOT_PLAIN "
              "else get_attr({o}, {name}, f[0].wraps))")

_STATEMENTS = {
    # obj.name (b: the name)
    "getattr": "        return " + PLAIN_ATTR.format(o="_o", name="{b}", obj="{a}") + "\n",
    # obj.name = value (b: the name): value first, as CPython; instances of pure sandbox
    # classes are written directly (guards.set_attr_plain inlined)
    "setattr": ("        _x = {v}\n"
                "        _o = {a}\n"
                "        if getattr(type(_o), PURE_MARK, False) is True:\n"
                "            setattr(_o, {b}, _x)\n"
                "        else:\n"
                "            set_attr(_o, {b}, _x)\n"),
    # obj[key]
    "getitem": "        return ({a})[{b}]\n",
    # obj[key] = value: value first, then obj, then key, as CPython; a slice store of a big
    # sequence is charged before it happens (l[len(l):] = l doubles a list per statement)
    "setitem": ("        _x = {v}\n"
                "        _o = {a}\n"
                "        _k = {b}\n"
                "        if type(_k) is slice and type(_x) in SEQUENCES and len(_x) > 4096:\n"
                "            f[0].meter.alloc(8 * len(_x))\n"
                "        _o[_k] = _x\n"),
    # name += value for a local (slot a) or global (name a) target
    "iadd_local": ("        _c = f[a]\n"
                   "        if _c is UNBOUND:\n"
                   "            unbound(a_name)\n"
                   "        _x = {v}\n"
                   "        f[a] = _c + _x if type(_c) is int and type(_x) is int "
                   "else apply(f[0].meter, _c, _x)\n"),
    "iadd_global": ("        _g = f[0].g\n"
                    "        _c = _g[a] if a in _g else load_global(f, a)\n"
                    "        _x = {v}\n"
                    "        _g[a] = _c + _x if type(_c) is int and type(_x) is int "
                    "else apply(f[0].meter, _c, _x)\n"),
}


def _make_statement(key):
    """Compile the shape `key` = (template name, a shape, b shape, v shape)."""
    name, ls, rs, vs = key
    body = _STATEMENTS[name].format(a=_READ[ls].format(side="a"), b=_READ[rs].format(side="b"),
                                    v=_READ[vs].format(side="v"))
    src = (f"def make(a, b, v, a_name, b_name, v_name, apply):\n"
           f"    def op(f):\n"
           f"{body}"
           f"    return op\n")
    return compile_template(src, f"<shape {name} {ls}{rs}{vs}>", _NS)


class _Shapes(dict):
    """Shapes compiled on first use (~0.1 ms each) and kept: import stays cheap."""

    def __missing__(self, key):
        if key[0] == "call":
            make = _make_call(key)
        elif key[0] in _STATEMENTS:
            make = _make_statement(key)
        else:
            make = _make(key)
        self[key] = make
        return make


_TABLE = _Shapes()


def operand(c, node: ast.expr):
    """(shape, value, name): a local slot, a constant, a global's name, or a compiled closure."""
    if isinstance(node, ast.Constant):
        return "c", node.value, None
    if isinstance(node, ast.Name):
        kind, slot = c.scope.resolve(node.id)
        if kind == "local":
            return "l", slot, node.id
        if kind == "global":
            return "g", node.id, None
    return "e", c.expr(node), None


def specialised(c, symbol: str, left: ast.expr, right: ast.expr):
    ls, a, a_name = operand(c, left)
    rs, b, b_name = operand(c, right)
    if ls == rs == "c":
        ls, a = "e", c.expr(left)
    return _TABLE[symbol, ls, rs](a, b, a_name, b_name)


def specialised_checked(c, opnode: type, left: ast.expr, right: ast.expr, slow):
    """A size-checked operator with inline fast path; `slow(meter, x, y)` does the checks."""
    ls, a, a_name = operand(c, left)
    rs, b, b_name = operand(c, right)
    return _TABLE[opnode, ls, rs](a, b, a_name, b_name, slow)


def specialised_call(c, func: ast.expr, args: list, call_value, function_type, method_type):
    """`func(a, b)` with up to two plain positional arguments, parts read by shape."""
    fs, fv, fn_name = operand(c, func)
    shaped = [operand(c, a) for a in args] + [("c", None, None)] * (2 - len(args))
    (as_, av, a_name), (bs, bv, b_name) = shaped
    key = ("call", fs, *[s for s, _, _ in shaped[:len(args)]])
    return _TABLE[key](fv, av, bv, fn_name, a_name, b_name, call_value, function_type,
                       method_type)


def _none(c, node):
    return ("c", None, None) if node is None else operand(c, node)


def specialised_statement(c, name: str, a=None, b=None, v=None, *, target=None, apply=None):
    """A statement shape from _STATEMENTS over up to three operand nodes; `target` =
    (value, name) stands in for `a` when it is a slot or a global's name."""
    (ls, av, a_name) = ("c", target[0], target[1]) if target is not None else _none(c, a)
    (rs, bv, b_name), (vs, vv, v_name) = _none(c, b), _none(c, v)
    return _TABLE[name, ls, rs, vs](av, bv, vv, a_name, b_name, v_name, apply)
