"""Expression trees fused into one generated function.

A tree of operators, comparisons, `and`/`or`, `not`, conditional expressions and plain calls
over locals, globals and constants (`n if n < 2 else fib(n - 1) + fib(n - 2)`) is written out
as one Python expression and compiled once, instead of one closure call per node. It does
exactly what the per-node closures do: locals checked for UNBOUND, globals read from the
session's namespace then the builtins, size-checked operators admitted inline only for the
small cases shapes.CHECKED_BINOPS lists (else their `slow` pre-check), calls to sandbox
functions made directly and every other call through `call_value`. Any other node becomes a
call of its own compiled closure.

The generated source holds no value of the program: slots, names, constants and closures are
parameters (`p0`, `p1`, ...), so one structure is compiled once per process and shared by every
program that has it (`_MAKERS`, bounded).
"""
from __future__ import annotations

import ast
import re

from . import guards, shapes
from .runtime import UNBOUND
from .templates import BoundedCache, compile_template

MAX_NODES = 40        # a bigger tree is cut: its deeper parts stay closures
MAX_DEPTH = 12        # the generated expression's nesting (CPython's parser allows ~200)
MAX_MAKERS = 4096     # generated structures kept per process

_UNARY = {ast.Not: "not ", ast.USub: "-", ast.UAdd: "+", ast.Invert: "~"}
_NEVER = object()     # `(t := x) is NEVER` evaluates x into t and is always False


def _fusable(node) -> bool:
    if isinstance(node, ast.BinOp):
        op = type(node.op)
        return op in shapes.PLAIN_BINOPS or op in shapes.CHECKED_BINOPS
    if isinstance(node, ast.Compare):
        return len(node.ops) == 1 and type(node.ops[0]) in shapes.COMPARES
    if isinstance(node, (ast.UnaryOp, ast.IfExp, ast.BoolOp)):
        return True
    if isinstance(node, ast.Attribute):     # `self.x`: a name with no per-object check
        return guards.is_plain_name(node.attr)
    if isinstance(node, ast.Call):
        return (not node.keywords and len(node.args) <= 3
                and not any(isinstance(a, ast.Starred) for a in node.args)
                and not isinstance(node.func, ast.Attribute)
                and not (isinstance(node.func, ast.Name) and node.func.id == "super"))
    return False


def _children(node) -> list:
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.Compare):
        return [node.left, node.comparators[0]]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.IfExp):
        return [node.test, node.body, node.orelse]
    if isinstance(node, ast.BoolOp):
        return list(node.values)
    if isinstance(node, ast.Attribute):
        return [node.value]
    return [node.func, *node.args]


def worth_fusing(node) -> bool:
    """A fusable node with at least one fusable child (a single node is a shape already)."""
    return _fusable(node) and any(_fusable(ch) for ch in _children(node))


class _Emitter:
    def __init__(self, c, slow_binop, call_value, function_type, method_type) -> None:
        self.c = c
        self.params: list = []
        self.temps = 0
        self.nodes = 0
        self.slow_binop = slow_binop
        self.call_value = call_value
        self.types = (function_type, method_type)

    def param(self, value) -> str:
        self.params.append(value)
        return f"p{len(self.params) - 1}"

    def temp(self) -> str:
        self.temps += 1
        return f"_t{self.temps}"

    def emit(self, node, depth: int = 0) -> str:
        if isinstance(node, ast.Constant):
            return self.param(node.value)
        if isinstance(node, ast.Name):
            kind, slot = self.c.scope.resolve(node.id)
            t = self.temp()
            if kind == "local":
                return (f"({t} if ({t} := f[{self.param(slot)}]) is not UNBOUND "
                        f"else unbound({self.param(node.id)}))")
            if kind == "global":
                n = self.param(node.id)
                return (f"({t} if ({t} := f[0].g.get({n}, UNBOUND)) is not UNBOUND "
                        f"else load_global(f, {n}))")
        self.nodes += 1
        if not _fusable(node) or depth >= MAX_DEPTH or self.nodes > MAX_NODES:
            return f"{self.param(self.c.expr(node))}(f)"
        kids = [self.emit(ch, depth + 1) for ch in _children(node)]
        if isinstance(node, ast.BinOp):
            op = type(node.op)
            if op in shapes.PLAIN_BINOPS:
                return f"({kids[0]} {shapes.PLAIN_BINOPS[op]} {kids[1]})"
            symbol, cond = shapes.CHECKED_BINOPS[op]
            x, y = self.temp(), self.temp()
            cond = re.sub(r"\by\b", y, re.sub(r"\bx\b", x, cond))
            slow = self.param(self.slow_binop(op))
            return (f"({x} {symbol} {y} if (({x} := {kids[0]}) is NEVER or "
                    f"({y} := {kids[1]}) is NEVER or ({cond})) else {slow}(f[0].meter, {x}, {y}))")
        if isinstance(node, ast.Compare):
            return f"({kids[0]} {shapes.COMPARES[type(node.ops[0])]} {kids[1]})"
        if isinstance(node, ast.UnaryOp):
            return f"({_UNARY[type(node.op)]}{kids[0]})"
        if isinstance(node, ast.IfExp):
            return f"({kids[1]} if {kids[0]} else {kids[2]})"
        if isinstance(node, ast.Attribute):   # as exprs.c_Attribute's plain_attr
            return shapes.PLAIN_ATTR.format(o=self.temp(), name=self.param(
                self.c.mangle(node.attr)), obj=kids[0])
        if isinstance(node, ast.BoolOp):
            word = " and " if isinstance(node.op, ast.And) else " or "
            return f"({word.join(kids)})"
        fn, args = self.temp(), [self.temp() for _ in kids[1:]]
        evaluate = " or ".join([f"({fn} := {kids[0]}) is NEVER"] +
                               [f"({a} := {k}) is NEVER" for a, k in zip(args, kids[1:])])
        listed = ", ".join(args) + ("," if len(args) == 1 else "")
        return (f"({fn}({', '.join(args)}) if ({evaluate} or type({fn}) is FT or "
                f"type({fn}) is MT) else call_value(f[0].meter, {fn}, ({listed}), None))")


_MAKERS = BoundedCache(MAX_MAKERS)


def _closure(body: str, params: list, namespace: dict, filename: str):
    """`body` (an expression over `f` and p0, p1, ...) as a closure over `params`, its maker
    compiled once per body."""
    make = _MAKERS.get(body)
    if make is None:
        args = ", ".join(f"p{i}" for i in range(len(params)))
        make = _MAKERS[body] = compile_template(
            f"def make({args}):\n    def fused(f):\n        return {body}\n    return fused\n",
            filename, namespace)
    return make(*params)


def fuse(c, node, slow_binop, call_value, function_type, method_type):
    """The closure `(frame) -> value` for the tree at `node` (worth_fusing(node) holds)."""
    em = _Emitter(c, slow_binop, call_value, function_type, method_type)
    body = em.emit(node)
    ns = {"__builtins__": {}, "type": type, "int": int, "float": float, "UNBOUND": UNBOUND,
          "NEVER": _NEVER, "unbound": shapes._unbound, "load_global": shapes._load_global,
          "call_value": call_value, "FT": function_type, "MT": method_type,
          "getattr": getattr, "get_attr": guards.get_attr, "NOT_PLAIN": guards.NOT_PLAIN}
    return _closure(body, em.params, ns, "<fused expression>")


def fuse_fstring(c, node: ast.JoinedStr):
    """`f"{a}-{b}"`: one generated join; a `{x}` with no conversion and no spec is `format(x,
    '')` inline (what the per-part closure does), any other part keeps its closure."""
    params: list = []
    parts = []
    for i, v in enumerate(node.values):
        if isinstance(v, ast.Constant):
            params.append(v.value)
            parts.append(f"p{i}")
        elif isinstance(v, ast.FormattedValue) and v.conversion == -1 and v.format_spec is None:
            params.append(c.expr(v.value))
            parts.append(f"format(p{i}(f), '')")
        else:
            params.append(c.expr(v))
            parts.append(f"p{i}(f)")
    body = f"''.join(({', '.join(parts)},))"
    return _closure(body, params, {"__builtins__": {}, "format": format}, "<fused f-string>")
