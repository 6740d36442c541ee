"""Closures specialised by operand shape for the hottest nodes (binary operators, comparisons):
an operand that is a local slot or a constant is read inline instead of through a closure call.

The shapes are generated once, at import, from the templates below (our own source, never user
input), as DESIGN.md's engine notes ask: building a closure shape per run costs 60-100 us.
"""
from __future__ import annotations

import ast

from .runtime import UNBOUND

# Operators CPython evaluates without any size risk: no pre-check needed.
PLAIN_BINOPS = {ast.Sub: "-", ast.Div: "/", ast.FloorDiv: "//", ast.RShift: ">>",
                ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.MatMult: "@"}
COMPARES = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
            ast.GtE: ">=", ast.Is: "is", ast.IsNot: "is not"}

_READ = {
    "e": "{side}(f)",
    "l": "_v{side} if (_v{side} := f[{side}]) is not UNBOUND else unbound({side}_name)",
    "c": "{side}",
}


def _unbound(name):
    raise UnboundLocalError(f"cannot access local variable '{name}' where it is not associated "
                            f"with a value")


def _build() -> dict:
    table = {}
    ns = {"UNBOUND": UNBOUND, "unbound": _unbound}
    for symbol in set(PLAIN_BINOPS.values()) | set(COMPARES.values()):
        for ls in "elc":
            for rs in "elc":
                if ls == rs == "c":
                    continue
                left = _READ[ls].format(side="a")
                right = _READ[rs].format(side="b")
                src = (f"def make(a, b, a_name, b_name):\n"
                       f"    def op(f):\n"
                       f"        return ({left}) {symbol} ({right})\n"
                       f"    return op\n")
                exec(compile(src, f"<shape {ls}{symbol}{rs}>", "exec"), ns)  # our template
                table[symbol, ls, rs] = ns["make"]
    return table


_TABLE = _build()


def operand(c, node: ast.expr):
    """(shape, value, name): a local slot, a constant, or a compiled closure."""
    if isinstance(node, ast.Constant):
        return "c", node.value, None
    if isinstance(node, ast.Name):
        kind, slot = c.scope.resolve(node.id)
        if kind == "local":
            return "l", slot, node.id
    return "e", c.expr(node), None


def specialised(c, symbol: str, left: ast.expr, right: ast.expr):
    ls, a, a_name = operand(c, left)
    rs, b, b_name = operand(c, right)
    if ls == rs == "c":
        ls, a = "e", c.expr(left)
    return _TABLE[symbol, ls, rs](a, b, a_name, b_name)
