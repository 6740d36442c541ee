"""Arbitrary but syntactically valid programs, for the robustness property.

Two sources: hypothesmith's grammar-driven generator (odd whitespace, comments, unicode names, every
statement form, ~30 ms per program) and `ast_programs`, random `ast` trees unparsed to source (every
node class the compiler must accept or refuse: match, try*, async, walrus, f-strings, starred
targets, decorators, global/nonlocal), where names, attributes and imports come from small pools so
that statements interact instead of failing at the first NameError.

Trap: `ast.unparse` can write source that does not parse back (it does not check context); such
programs are dropped with `assume`, so every program here is accepted by `ast.parse`.
"""
from __future__ import annotations

import ast

from hypothesis import assume
from hypothesis import strategies as st

NAMES = ["a", "b", "x", "f", "C", "i", "print", "len", "range", "list", "dict", "type", "object",
         "getattr", "iter", "next", "str", "int", "super", "isinstance", "Exception", "ValueError",
         "sorted", "map", "zip", "hash", "repr", "format", "min", "max", "sum", "abs", "divmod",
         "pow", "tuple", "set", "bytes", "bytearray", "slice", "reversed", "filter", "math", "json",
         "vars", "eval", "open", "globals", "__import__", "__builtins__", "__name__", "self"]
ATTRS = ["a", "append", "join", "format", "real", "__class__", "__dict__", "__globals__", "mro",
         "gi_frame", "f_back", "keys", "items", "pop", "__init__", "__len__", "upper", "loads",
         "dumps", "sqrt", "pi", "count", "obj", "func", "__subclasses__", "__name__"]
MODULES = ["math", "json", "os", "sys", "re", "collections", "itertools", "functools", "string"]
CONSTANTS = [0, 1, -1, 2, 7, 10, 255, 2**31, 10**20, 0.5, -0.0, float("inf"), 1e308, 1j, "", "a",
             "{}", "%s", "{0.__class__}", "\x00", "é", b"", b"x", None, True, False, ...]
BINOPS = [ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.LShift,
          ast.RShift, ast.BitOr, ast.BitXor, ast.BitAnd, ast.MatMult]
CMPOPS = [ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Is, ast.IsNot, ast.In, ast.NotIn]


class AstBuilder:
    def __init__(self, draw) -> None:
        self.draw = draw
        self.loops = 0          # enclosing loops and functions of the statement being drawn
        self.functions = 0

    def pick(self, options):
        return self.draw(st.sampled_from(options))

    def n(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def name(self, store: bool = False) -> ast.Name:
        return ast.Name(self.pick(NAMES[:6] if store else NAMES), ast.Store() if store else ast.Load())

    def args(self) -> ast.arguments:
        names = [ast.arg(n) for n in self.draw(st.lists(st.sampled_from("abxyz"), max_size=3, unique=True))]
        defaults = [self.expr(0) for _ in range(self.n(0, len(names)))]
        vararg = ast.arg("args") if self.n(0, 3) == 0 else None
        kwonly = [ast.arg("k")] if self.n(0, 3) == 0 else []
        kwarg = ast.arg("kw") if self.n(0, 3) == 0 else None
        return ast.arguments([], names, vararg, kwonly, [self.expr(0)] if kwonly else [], kwarg, defaults)

    # -- expressions -----------------------------------------------------------------------------
    def expr(self, depth: int = 2) -> ast.expr:
        if depth <= 0 or self.n(0, 3) == 0:
            return self.name() if self.n(0, 1) else ast.Constant(self.pick(CONSTANTS))
        e = lambda: self.expr(depth - 1)  # noqa: E731
        kind = self.n(0, 21)
        if kind == 0:
            return ast.BinOp(e(), self.pick(BINOPS)(), e())
        if kind == 1:
            return ast.UnaryOp(self.pick([ast.Not, ast.USub, ast.UAdd, ast.Invert])(), e())
        if kind == 2:
            return ast.BoolOp(self.pick([ast.And, ast.Or])(), [e(), e()])
        if kind == 3:
            ops = [self.pick(CMPOPS)() for _ in range(self.n(1, 2))]
            return ast.Compare(e(), ops, [e() for _ in ops])
        if kind == 4:
            return ast.IfExp(e(), e(), e())
        if kind in (5, 6):
            args = [e() for _ in range(self.n(0, 2))]
            if self.n(0, 4) == 0:
                args.append(ast.Starred(e(), ast.Load()))
            kws = [ast.keyword(self.pick(["key", "default", "sep", None]), e()) for _ in range(self.n(0, 1))]
            return ast.Call(e() if kind == 6 else self.name(), args, kws)
        if kind == 7:
            return ast.Attribute(e(), self.pick(ATTRS), ast.Load())
        if kind == 8:
            index = ast.Slice(e(), e(), None) if self.n(0, 2) == 0 else e()
            return ast.Subscript(e(), index, ast.Load())
        if kind == 9:
            return self.pick([ast.List, ast.Tuple])([e() for _ in range(self.n(0, 3))], ast.Load())
        if kind == 10:
            return ast.Set([e() for _ in range(self.n(1, 3))])
        if kind == 11:
            size = self.n(0, 3)
            keys = [e() if self.n(0, 3) else None for _ in range(size)]   # None is `**mapping`
            return ast.Dict(keys, [e() for _ in range(size)])
        if kind in (12, 13):
            gens = [ast.comprehension(ast.Name(self.pick("ijk"), ast.Store()), e(),
                                      [e()] if self.n(0, 1) else [], 0)]
            cls = self.pick([ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp])
            return cls(e(), e(), gens) if cls is ast.DictComp else cls(e(), gens)
        if kind == 14:
            return ast.Lambda(self.args(), e())
        if kind == 15:
            return ast.NamedExpr(ast.Name(self.pick(["a", "b", "x"]), ast.Store()), e())
        if kind == 16:
            spec = ast.JoinedStr([ast.Constant(self.pick([">4", ".2f", "x", "!<3"]))]) if self.n(0, 2) == 0 else None
            return ast.JoinedStr([ast.Constant("v="), ast.FormattedValue(e(), self.pick([-1, 114, 115, 97]), spec)])
        if kind == 17:
            return ast.Call(ast.Attribute(ast.Constant(self.pick(["{0}", "{0.a}", "{}{}", "{0[0]}"])),
                                          "format", ast.Load()), [e()], [])
        if kind == 18:
            return ast.Starred(e(), ast.Load()) if self.n(0, 3) == 0 else e()
        return ast.Constant(self.pick(CONSTANTS))

    def target(self) -> ast.expr:
        kind = self.n(0, 4)
        if kind == 0:
            return ast.Attribute(self.expr(1), self.pick(ATTRS), ast.Store())
        if kind == 1:
            return ast.Subscript(self.expr(1), self.expr(1), ast.Store())
        if kind == 2:
            elts = [self.name(store=True) for _ in range(self.n(1, 3))]
            if self.n(0, 2) == 0:
                elts.append(ast.Starred(self.name(store=True), ast.Store()))
            return ast.Tuple(elts, ast.Store())
        return self.name(store=True)

    # -- statements ------------------------------------------------------------------------------
    def body(self, depth: int) -> list[ast.stmt]:
        return [self.stmt(depth) for _ in range(self.n(1, 3))]

    def stmt(self, depth: int = 2) -> ast.stmt:
        e = lambda: self.expr(2)  # noqa: E731
        if depth <= 0 or self.n(0, 14) < 7:
            return self.simple_stmt()
        b = lambda: self.body(depth - 1)  # noqa: E731
        kind = self.n(0, 9)
        if kind == 0:
            return ast.If(e(), b(), b() if self.n(0, 1) else [])
        if kind in (1, 2):
            self.loops += 1
            try:
                if kind == 1:
                    return ast.While(e(), b(), [])
                return ast.For(self.target(), e(), b(), b() if self.n(0, 3) == 0 else [])
            finally:
                self.loops -= 1
        if kind == 3:
            handlers = [ast.ExceptHandler(self.pick([None, self.name()]), self.pick([None, "err"]), b())
                        for _ in range(self.n(1, 2))]
            if handlers[0].type is None and len(handlers) > 1:
                handlers.reverse()
            return self.pick([ast.Try, ast.TryStar])(b(), handlers, [], b() if self.n(0, 1) else [])
        if kind == 4:
            return ast.With([ast.withitem(e(), self.pick([None, self.name(store=True)]))], b())
        if kind == 5:
            cls = self.pick([ast.FunctionDef, ast.AsyncFunctionDef])
            self.functions, loops, self.loops = self.functions + 1, self.loops, 0
            try:
                return cls(self.pick(["f", "g", "__del__", "__getattr__"]), self.args(), b(),
                           [self.name()] if self.n(0, 4) == 0 else [], None)
            finally:
                self.functions, self.loops = self.functions - 1, loops
        if kind == 6:
            return ast.ClassDef(self.pick(["C", "D"]), [self.name()] if self.n(0, 1) else [],
                                [ast.keyword("metaclass", self.name())] if self.n(0, 5) == 0 else [],
                                b(), [])
        if kind == 7:
            return ast.Match(e(), [ast.match_case(self.pattern(2), None, b()) for _ in range(self.n(1, 2))])
        if kind == 8:
            return ast.AsyncFunctionDef("co", self.args(), [self.pick([
                ast.AsyncFor(self.name(store=True), e(), b(), []),
                ast.AsyncWith([ast.withitem(e(), None)], b()), ast.Expr(ast.Await(e()))])], [], None)
        return ast.Expr(e())

    def simple_stmt(self) -> ast.stmt:
        """Context-bound statements (return, yield, break, nonlocal...) are drawn mostly where
        they compile, and rarely elsewhere: misplaced ones test ParseError, not the interpreter."""
        e = lambda: self.expr(2)  # noqa: E731
        kind = self.n(0, 12)
        misplaced_ok = self.n(0, 9) == 0
        if kind == 0 and (self.loops or misplaced_ok):
            return self.pick([ast.Break, ast.Continue])()
        if kind == 1 and (self.functions or misplaced_ok):
            return self.pick([ast.Return(e()), ast.Expr(ast.Yield(e())), ast.Expr(ast.YieldFrom(e()))])
        if kind == 2 and misplaced_ok:
            return self.pick([ast.Global(["a"]), ast.Nonlocal(["a"])])
        if kind == 3:
            return ast.Import([ast.alias(self.pick(MODULES), self.pick([None, "m"]))])
        if kind == 4:
            return ast.ImportFrom(self.pick(MODULES), [ast.alias(self.pick(ATTRS + ["*"]))], 0)
        if kind == 5:
            return ast.AugAssign(self.name(store=True), self.pick(BINOPS)(), e())
        if kind == 6:
            return ast.Delete([self.target()])
        if kind == 7:
            return ast.Raise(e(), e() if self.n(0, 3) == 0 else None)
        if kind == 8:
            return ast.Assert(e(), e())
        if kind == 9:
            return ast.AnnAssign(self.name(store=True), e(), e(), 1)
        if kind in (10, 11):
            return ast.Assign([self.target()], e())
        return ast.Expr(e())

    def pattern(self, depth: int) -> ast.pattern:
        if depth <= 0:
            return self.pick([ast.MatchAs(None, self.pick(["p", "q"])), ast.MatchValue(ast.Constant(1)),
                              ast.MatchSingleton(None), ast.MatchAs(None, None)])
        p = lambda: self.pattern(depth - 1)  # noqa: E731
        kind = self.n(0, 5)
        if kind == 0:
            return ast.MatchSequence([p(), ast.MatchStar(self.pick([None, "rest"]))])
        if kind == 1:
            return ast.MatchMapping([ast.Constant("k")], [p()], self.pick([None, "rest"]))
        if kind == 2:
            return ast.MatchClass(self.name(), [p()], [self.pick(["a", "real", "__class__", "gi_frame"])], [p()])
        if kind == 3:
            return ast.MatchOr([ast.MatchValue(ast.Constant(1)), ast.MatchValue(ast.Constant(2))])
        if kind == 4:
            return ast.MatchAs(p(), "whole")
        return self.pattern(0)


@st.composite
def ast_programs(draw) -> str:
    b = AstBuilder(draw)
    module = ast.fix_missing_locations(ast.Module([b.stmt(2) for _ in range(b.n(1, 5))], []))
    try:
        source = ast.unparse(module)
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, AttributeError, TypeError):
        assume(False)
    return source + "\n"


def grammar_programs() -> st.SearchStrategy[str]:
    """hypothesmith's grammar generator when installed (the `dev` extra), else `ast_programs`."""
    try:
        import hypothesmith
    except ImportError:
        return ast_programs()
    return hypothesmith.from_grammar()
