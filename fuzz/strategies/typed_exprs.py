"""Typed expressions for the differential programs (typed_programs.py writes the statements).

`ExprBuilder` keeps a typed environment (ints, strs, lists of ints, dicts str->int, functions, classes,
objects) and writes statements that use only names certainly bound at that point, so most programs
run to the end; a few draws are deliberately ill-typed or out of range (`risky`) so exceptions and
their CPython messages are compared too.

Termination and size are guaranteed by construction, not by a timeout:
- loops iterate over `range(k)` with k <= 4, over slices of at most 5 items, or count a fresh
  `while` counter that is incremented first (so `continue` cannot skip it); nesting <= 2;
- functions only call functions defined before them (recursion only in one template with a
  literal bound), so call depth is bounded;
- inside loops ints are reduced `% 10007`, strings sliced `[:40]` and lists only appended to, so
  nothing grows exponentially.

Traps: a name bound inside a block (if, loop, try, function) is visible only in that block, so
every use is definitely bound; never print objects without a `__repr__` (their address differs).
"""
from __future__ import annotations

from hypothesis import strategies as st

INT_LITS = [-3, -1, 0, 1, 2, 3, 5, 7, 10, 12, 100, 255, 10**12]
STR_LITS = ["''", "'a'", "'ab'", "'hello'", "'x y z'", "'Δé'", "'42'", "'-7'", "'a,b,c'", "' pad '"]
RISKY = 10  # one draw in RISKY of a risky choice is ill-typed or out of range


class ExprBuilder:
    def __init__(self, draw) -> None:
        self.draw = draw
        self.counter = 0
        self.scopes: list[dict[str, list[str]]] = [{}]
        self.loop_depth = 0
        self.in_function = False
        self.local_from = 0      # scopes a statement may rebind (a function's own, not globals)

    # -- helpers -------------------------------------------------------------------------------
    def pick(self, options):
        return self.draw(st.sampled_from(options))

    def n(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def chance(self, one_in: int) -> bool:
        """True once in `one_in` draws; shrinks to False (sampled_from shrinks to its first item)."""
        return self.draw(st.sampled_from([False] * (one_in - 1) + [True]))

    def fresh(self, kind: str) -> str:
        self.counter += 1
        return f"{kind}{self.counter}"

    def names(self, kind: str, local: bool = False) -> list[str]:
        scopes = self.scopes[self.local_from:] if local else self.scopes
        return [name for scope in scopes for name in scope.get(kind, [])]

    def bind(self, kind: str, name: str) -> None:
        self.scopes[-1].setdefault(kind, []).append(name)

    def var(self, kind: str, local: bool = False):
        names = self.names(kind, local)
        return self.pick(names) if names else None

    @staticmethod
    def fmt(template: str, *parts: str) -> str:
        """An f-string from `template` ("«0:08b»|«1»" puts parts[0] with spec 08b, then parts[1]),
        or the same through str.format when the parts hold both quote kinds (3.11 f-strings
        cannot reuse their own quote inside a replacement field)."""
        for quote in "'\"":
            if not any(quote in p or "\\" in p for p in parts):
                body = template
                for k, part in enumerate(parts):
                    body = body.replace(f"«{k}", "{" + (" " if part.startswith("{") else "") + part, 1)
                return "f" + quote + body.replace("»", "}") + quote
        body = template
        for k in range(len(parts)):
            body = body.replace(f"«{k}", "{", 1)
        return repr(body.replace("»", "}").replace("=}", "}")) + f".format({', '.join(parts)})"

    # -- expressions ---------------------------------------------------------------------------
    def int_expr(self, depth: int = 2) -> str:
        v = self.var("int")
        if depth <= 0 or self.chance(3):
            return v if v and self.chance(2) else str(self.pick(INT_LITS))
        e = lambda: self.int_expr(depth - 1)  # noqa: E731
        choice = self.n(0, 23)
        if choice == 0:
            return f"({e()} {self.pick(['+', '-', '*'])} {e()})"
        if choice == 1:
            return f"({e()} {self.pick(['//', '%'])} {self.nonzero() if not self.chance(RISKY) else e()})"
        if choice == 2:
            return f"({self.int_expr(0)} ** {self.n(0, 3)})"
        if choice == 3:
            return f"{self.pick(['abs', '-', '~'])}({e()})"
        if choice == 4:
            return f"{self.pick(['min', 'max'])}({e()}, {e()})"
        if choice == 5:
            return f"len({self.pick([self.str_expr, self.list_expr, self.dict_expr])(depth - 1)})"
        if choice == 6:
            return f"sum({self.list_expr(depth - 1)})"
        if choice == 7:
            return f"{self.list_expr(depth - 1)}[{self.n(-2, 2) if self.chance(RISKY) else 0}]" \
                if self.chance(2) else f"({self.list_expr(depth - 1)} or [0])[0]"
        if choice == 8:
            d = self.dict_expr(depth - 1)
            return f"{d}[{self.key()}]" if self.chance(RISKY) else f"{d}.get({self.key()}, {e()})"
        if choice == 9:
            return f"({e()} if {self.bool_expr(depth - 1)} else {e()})"
        if choice == 10:
            return f"({e()} {self.pick(['&', '|', '^'])} {e()})"
        if choice == 11:
            return f"({e()} {self.pick(['<<', '>>'])} {self.n(0, 4)})"
        if choice == 12:
            return f"int({self.pick(['42', '-7', ' 3 ', '0'] if not self.chance(RISKY) else ['x1', ''])!r})"
        if choice == 13 and self.names("func"):
            f = self.pick(self.names("func"))
            return f"{f}({e()}, {e()})" if not self.chance(RISKY) else f"{f}({e()}, {e()}, {e()})"
        if choice == 14 and self.names("obj"):
            o = self.pick(self.names("obj"))
            return self.pick([f"{o}.v", f"{o}.get()", f"{o}.add({e()})", f"len({o}.items)",
                              f"{o}.double", f"type({o}).helper({e()})", f"type({o}).make({e()}).v",
                              f"len({o})", f"({o} + {e()}).v", f"({o} + {o}).get()",
                              f"({e()} in {o})", f"sum({o})", f"({o} == {o})",
                              f"({o} < {self.pick(self.names('obj'))})",
                              f"{o}.ratio({e() if self.chance(RISKY) else self.nonzero()})"])
        if choice == 15 and self.names("gen"):
            return f"sum({self.pick(self.names('gen'))}({self.n(0, 4)}))"
        if choice == 16 and self.names("rec"):
            return f"{self.pick(self.names('rec'))}({self.n(0, 8)})"
        if choice == 17:
            return f"{self.str_expr(depth - 1)}.{self.pick(['count', 'find'])}({self.pick(STR_LITS)})"
        if choice == 18:
            return f"sum({e()} for v in range({self.n(0, 4)}))"
        if choice == 19:
            return f"({self.bool_expr(depth - 1)}) + {e()}"
        if choice == 20:
            return self.pick([f"math.gcd({e()}, {e()})", f"math.floor({e()} / 3)",
                              f"math.isqrt(abs({e()}))", f"math.comb({self.n(0, 9)}, {self.n(0, 9)})"])
        if choice == 21 and self.chance(RISKY // 2):
            return self.risky_expr()
        if choice == 22:
            return self.pick([f"divmod({e()}, {self.nonzero()})[{self.n(0, 1)}]",
                              f"round({e()} / {self.nonzero()})", f"int({self.str_expr(0)}.isdigit())",
                              f"int('{self.pick(['ff', '17', '-a'])}', 16)",
                              f"{self.list_expr(0)}.count({e()})", f"len(set({self.list_expr(0)}))",
                              f"max({self.list_expr(0)}, default={e()})",
                              f"min({self.list_expr(0)} or [{e()}], key=abs)"])
        return f"({e()} + {e()})"

    def risky_expr(self) -> str:
        """An int-typed expression that raises, or may raise, with a CPython-specific message."""
        e = lambda: self.int_expr(0)  # noqa: E731
        s = lambda: self.str_expr(0)  # noqa: E731
        options = [
            f"({e()} + {s()})", f"({s()} + {e()})", f"len({e()})", f"{e()}[0]", "undefined_name",
            f"{s()}.nope", f"({e()} / 0)", f"int({s()})", f"[1, 2].index({e()})", "[].pop()",
            "{'k': 1}['missing']", f"chr(-{self.nonzero()})", f"({self.list_expr(0)} * {s()})",
            f"({s()} < {e()})", f"None.x", f"max([])", f"{s()}.index('qq')", f"(1 << -{self.nonzero()})",
            f"divmod({e()}, 0)[0]", f"hash([{e()}])", f"int('12', 1)", f"len(iter(5))",
            f"sorted([1, None])[0]", f"int(float('inf'))", f"(-{s()})", f"len([] + ())",
            f"len(','.join([{e()}]))", f"len('%d' % 'x')", f"len('{{}} {{}}'.format({e()}))",
            f"bytes([256])[0]", f"math.sqrt(-1)", f"math.log(0)", f"next(iter([]))",
            f"{{}}.popitem()[1]", f"[1, 2].remove(3)", f"len(set([[1]]))", f"int(1.5e400)",
            f"(lambda a: a)()", f"(lambda a: a)(1, 2)", f"(lambda: 0)(k=1)", f"{e()}()",
            f"pow({e()}, -1, 0)", f"round('a')", f"({e()}).bit_length(1)", f"''.join([{e()}])",
        ]
        names = self.names("func")
        if names:
            f = self.pick(names)
            options += [f"{f}()", f"{f}(1, c=2)", f"{f}(1, a=2)"]
        objs = self.names("obj")
        if objs:
            o = self.pick(objs)
            options += [f"{o}.missing", f"{o}.get(1)", f"{o}.v()", f"{o}[0]", f"len({o})"]
        return self.pick(options)

    def misc_expr(self, depth: int = 1) -> str:
        """Print-only values of other types: floats, tuples, sets, bytes, ranges, types, None."""
        i, s, lst = self.int_expr(depth), self.str_expr(depth), self.list_expr(depth)
        return self.pick([
            f"{i} / {self.nonzero()}", f"round({i} / 7, {self.n(0, 3)})", self.fmt("«0:.3f»", f"{i} / 3"),
            self.fmt("«0:08b»|«1:,»|«2:x»|«3:+»", i, i, i, i), self.fmt("«0=»", i),
            f"'%5.2f|%-4d|%r' % ({i} / 4, {i}, {s})",
            f"format({i}, '>6')", f"{s}.split(',')", f"{s}.partition(' ')", f"{s}.rsplit(None, 1)",
            f"{s}.encode()", f"sorted(set({s}))", f"set({lst})", f"frozenset({lst}) | {{0}}",
            f"tuple({lst})", f"list(enumerate({lst}))", f"list(zip({lst}, {s}))",
            f"divmod({i}, {self.nonzero()})", f"range({self.n(0, 5)})", f"type({i})", "None",
            f"({i}, {s})", f"{i} ** -1", f"{i} is None", f"{lst}[::2]", f"{lst}[::-1]",
            f"dict.fromkeys({s})", f"any({lst})", f"all({lst})", f"bool({s})", f"[[v] * 2 for v in {lst}]",
            f"sorted({{'b': 2, 'a': 1}}.items(), key=lambda kv: kv[1])", f"{s}.casefold()",
            f"str({i}).zfill(6)", f"(0.1 + 0.2, 1e16 + 1, -0.0, 2 ** 0.5)", f"{i} // -3, {i} % -3",
            f"float({self.pick(['1.5', '-0', '1e3', 'nan', 'inf'])!r})", f"complex({i}, 1)",
        ] + ([f"type({self.pick(self.names('obj'))})"] if self.names("obj") else []))

    def nonzero(self) -> str:
        return str(self.pick([1, 2, 3, 7, -2, 10]))

    def key(self) -> str:
        return self.pick(["'a'", "'b'", "'k'", "'zz'"])

    def str_expr(self, depth: int = 2) -> str:
        v = self.var("str")
        if depth <= 0 or self.chance(3):
            return v if v and self.chance(2) else self.pick(STR_LITS)
        s = lambda: self.str_expr(depth - 1)  # noqa: E731
        i = lambda: self.int_expr(depth - 1)  # noqa: E731
        choice = self.n(0, 15)
        if choice == 0:
            return f"({s()} + {s()})"
        if choice == 1:
            return f"({s()} * {self.n(0, 3)})"
        if choice == 2:
            return f"{s()}[{self.n(-3, 3)}:{self.n(-3, 6)}]"
        if choice == 3:
            return f"{s()}.{self.pick(['upper', 'lower', 'strip', 'title', 'swapcase'])}()"
        if choice == 4:
            return f"{s()}.replace({self.pick(STR_LITS)}, {self.pick(STR_LITS)})"
        if choice == 5:
            return f"str({i()})"
        if choice == 6:
            return f"repr({self.pick([self.str_expr, self.int_expr, self.list_expr, self.dict_expr])(depth - 1)})"
        if choice == 7:
            return self.fmt("«0»-«1!r»-«2:>4»", i(), s(), i())
        if choice == 8:
            return f"'%d|%s' % ({i()}, {s()})"
        if choice == 9:
            return f"'{{}}:{{}}'.format({i()}, {s()})"
        if choice == 10:
            return f"','.join(map(str, {self.list_expr(depth - 1)}))"
        if choice == 11:
            return f"{s()}[::-1]"
        if choice == 12:
            return f"{s()}.{self.pick(['center', 'zfill', 'ljust'])}({self.n(0, 8)})"
        if choice == 13 and self.names("obj"):
            return f"{self.pick(['repr', 'str'])}({self.pick(self.names('obj'))})"
        if choice == 14:
            return f"chr(65 + {i()} % 26)"
        if choice == 15 and self.chance(RISKY):
            return f"{s()}[{self.n(5, 9)}]"
        return f"{s()}.strip()"

    def list_expr(self, depth: int = 2) -> str:
        v = self.var("list")
        if depth <= 0 or self.chance(3):
            return v if v and self.chance(2) else self.pick(["[]", "[1, 2, 3]", "[5, -1, 5, 0]", "[7]"])
        i = lambda: self.int_expr(depth - 1)  # noqa: E731
        lst = lambda: self.list_expr(depth - 1)  # noqa: E731
        choice = self.n(0, 12)
        if choice == 0:
            return f"[{i()} for v in range({self.n(0, 4)})]"
        if choice == 1:
            return f"[v * {self.n(-2, 3)} for v in {lst()} if v {self.pick(['>', '<', '!='])} {self.n(-1, 3)}]"
        if choice == 2:
            return f"sorted({lst()}{self.pick(['', ', reverse=True', ', key=lambda v: -v', ', key=abs'])})"
        if choice == 3:
            return f"{lst()}[{self.n(-3, 2)}:{self.n(-1, 4)}]"
        if choice == 4:
            return f"({lst()} + [{i()}])"
        if choice == 5:
            return f"list(range({self.n(-1, 5)}))"
        if choice == 6 and self.names("func1"):
            return f"list(map({self.pick(self.names('func1'))}, {lst()}))"
        if choice == 7:
            return f"list(filter(lambda v: v % 2, {lst()}))"
        if choice == 8:
            return f"list({self.dict_expr(depth - 1)}.values())"
        if choice == 9 and self.names("gen"):
            return f"list({self.pick(self.names('gen'))}({self.n(0, 4)}))"
        if choice == 10:
            return f"[len(w) for w in {self.str_expr(depth - 1)}.split()]"
        if choice == 11 and self.names("obj"):
            objs = ", ".join(self.names("obj")[:3])
            return self.pick([f"[o.v for o in sorted([{objs}], key=lambda o: (o.v, o.get()))]",
                              f"[o.v for o in sorted([{objs}])]", f"list({self.pick(self.names('obj'))})"])
        if choice == 12:
            return f"[g() for g in [lambda v=v: v * {self.n(-2, 3)} for v in range({self.n(0, 4)})]]"
        return f"list(reversed({lst()}))"

    def dict_expr(self, depth: int = 2) -> str:
        v = self.var("dict")
        if depth <= 0 or self.chance(3):
            return v if v and self.chance(2) else self.pick(["{}", "{'a': 1}", "{'a': 1, 'b': -2, 'k': 0}"])
        i = lambda: self.int_expr(depth - 1)  # noqa: E731
        choice = self.n(0, 4)
        if choice == 0:
            return f"{{str(v): v * {self.n(-2, 3)} for v in range({self.n(0, 4)})}}"
        if choice == 1:
            return f"dict(zip(['a', 'b', 'k'], {self.list_expr(depth - 1)}))"
        if choice == 2:
            return f"({self.dict_expr(depth - 1)} | {{{self.key()}: {i()}}})"
        if choice == 3:
            return f"{{k: w for k, w in {self.dict_expr(depth - 1)}.items() if w {self.pick(['>', '<='])} 0}}"
        return f"{{{self.key()}: {i()}, {self.key()}: {i()}}}"

    def bool_expr(self, depth: int = 2) -> str:
        i = lambda: self.int_expr(max(depth - 1, 0))  # noqa: E731
        choice = self.n(0, 6)
        if choice == 0:
            return f"{i()} {self.pick(['<', '<=', '==', '!=', '>', '>='])} {i()}"
        if choice == 1:
            return f"{i()} in {self.list_expr(max(depth - 1, 0))}"
        if choice == 2:
            return f"{self.key()} in {self.dict_expr(max(depth - 1, 0))}"
        if choice == 3:
            return f"not ({i()} < {i()} < {i()})"
        if choice == 4:
            return f"bool({i()} > 0 {self.pick(['and', 'or'])} {self.str_expr(max(depth - 1, 0))})"
        if choice == 5:
            return f"{self.str_expr(max(depth - 1, 0))}.startswith({self.pick(STR_LITS)})"
        return f"isinstance({self.pick([self.int_expr, self.str_expr])(0)}, {self.pick(['int', 'str', 'list'])})"

    def any_expr(self, depth: int = 2) -> str:
        return self.pick([self.int_expr, self.str_expr, self.list_expr, self.dict_expr,
                          self.bool_expr, self.misc_expr])(depth)
