"""Terminating programs from a typed subset of Python, for differential runs against CPython.

Statements over the typed expressions of typed_exprs.py: assignments, augmented assignments, if,
for/while with small bounds, break/continue, functions (plain, recursive with a literal bound,
closures with nonlocal, generators), classes with `__init__`/methods/`__repr__`/inheritance and
`super()`, user exceptions, try/except/else/finally, raise, assert, container methods and prints.
The last statement is an expression, so `Result.value` is compared too.

Traps: see typed_exprs.py (definite binding, bounded growth). Functions are generated at top level
only, so that a nested function never closes over a loop variable whose value differs by timing.
"""
from __future__ import annotations

from hypothesis import strategies as st

from fuzz.strategies.typed_exprs import RISKY, ExprBuilder

EXCEPTIONS = ["ZeroDivisionError", "KeyError", "IndexError", "ValueError", "TypeError",
              "AttributeError", "NameError", "ArithmeticError", "LookupError", "Exception"]


class ProgramBuilder(ExprBuilder):
    def block(self, depth: int, count: tuple[int, int] = (1, 3)) -> list[str]:
        self.scopes.append({})
        try:
            lines = []
            for _ in range(self.n(*count)):
                lines += self.statement(depth)
            return lines
        finally:
            self.scopes.pop()

    @staticmethod
    def indent(lines: list[str]) -> list[str]:
        return ["    " + line for line in lines] or ["    pass"]

    # -- statements ----------------------------------------------------------------------------
    def statement(self, depth: int) -> list[str]:
        simple = [self.assign, self.assign, self.augassign, self.print_stmt, self.container_op,
                  self.unpack]
        compound = [self.if_stmt, self.for_stmt, self.while_stmt, self.try_stmt, self.walrus_if,
                    self.with_stmt]
        top = [self.function, self.recursive, self.closure, self.generator, self.klass,
               self.exception_class, self.finally_function, self.context_manager]
        options = simple * 2
        if depth > 0:
            options += compound
        if self.loop_depth and self.chance(5):
            return [f"if {self.bool_expr(1)}:", "    " + self.pick(["break", "continue"])]
        if depth >= 2 and not self.loop_depth and not self.in_function:
            options += top
        if self.chance(RISKY):
            options.append(self.raise_stmt)
        return self.pick(options)(depth)

    def assign(self, depth: int) -> list[str]:
        kind = self.pick(["int", "int", "str", "list", "dict"])
        existing = self.var(kind, local=True)
        name = existing if existing and self.chance(2) else self.fresh(kind[0])
        expr = {"int": self.int_expr, "str": self.str_expr, "list": self.list_expr,
                "dict": self.dict_expr}[kind]()
        if kind == "int" and self.loop_depth:
            expr = f"({expr}) % 10007"
        if kind == "str" and any(s in expr for s in self.names("str")):
            expr = f"({expr})[:40]"
        if kind == "int" and "*" in expr and any(v in expr for v in self.names("int")):
            expr = f"({expr}) % 1000000007"
        if name != existing:
            self.bind(kind, name)
        return [f"{name} = {expr}"]

    def augassign(self, depth: int) -> list[str]:
        target = self.var("int", local=True)
        if target is None:
            return self.assign(depth)
        op = self.pick(["+=", "-=", "*=", "//=", "%=", "|="])
        rhs = self.int_expr(1) if op not in ("//=", "%=") else self.nonzero()
        line = f"{target} {op} {rhs}"
        return [line, f"{target} %= 10007"] if op == "*=" else [line]

    def print_stmt(self, depth: int) -> list[str]:
        args = ", ".join(self.any_expr(2) for _ in range(self.n(0, 3)))
        tail = self.pick(["", "", ", sep='|'", ", end=';\\n'"]) if args else ""
        return [f"print({args}{tail})"]

    def container_op(self, depth: int) -> list[str]:
        lst, dct, obj = self.var("list"), self.var("dict"), self.var("obj")
        options = []
        if lst:
            options += [f"{lst}.append({self.int_expr(1)})", f"{lst}.sort()", f"{lst}.reverse()",
                        f"{lst}.insert(0, {self.int_expr(1)})",
                        f"print({lst}.pop() if {lst} else None)",
                        f"del {lst}[{self.n(-1, 1)}:{self.n(1, 3)}]"]
            if self.chance(RISKY):
                options += [f"{lst}.remove(999)", f"del {lst}[7]", f"print({lst}.pop(9))"]
        if dct:
            options += [f"{dct}[{self.key()}] = {self.int_expr(1)}",
                        f"print({dct}.pop({self.key()}, None))",
                        f"{dct}.setdefault({self.key()}, {self.int_expr(1)})",
                        f"{dct}.update({self.dict_expr(1)})"]
            if self.chance(RISKY):
                options += [f"del {dct}['missing']"]
        if obj:
            options += [f"{obj}.v = {self.int_expr(1)}" + (" % 10007" if self.loop_depth else ""),
                        f"print({obj}, {obj}.get())"]
        if not options:
            return self.print_stmt(depth)
        return [self.pick(options)]

    def raise_stmt(self, depth: int) -> list[str]:
        users = self.names("exc")
        return [self.pick([f"raise ValueError({self.str_expr(1)})", f"assert {self.bool_expr(1)}, 'checked'",
                           f"raise KeyError({self.key()})", "raise TypeError('t') from KeyError('k')",
                           f"assert {self.bool_expr(1)}"]
                          + [f"raise {u}({self.int_expr(1)})" for u in users])]

    def unpack(self, depth: int) -> list[str]:
        a, b = self.fresh("i"), self.fresh("i")
        if self.chance(2):
            line = f"{a}, {b} = {self.int_expr(1)}, {self.int_expr(1)}"
        elif self.chance(2):
            rest = self.fresh("l")
            line = f"{a}, *{rest}, {b} = {self.list_expr(1)} + [{self.int_expr(0)}]"
            self.bind("list", rest)
        else:
            line = f"({a}, {b}) = divmod({self.int_expr(1)}, {self.nonzero()})"
        self.bind("int", a)
        self.bind("int", b)
        if self.loop_depth:
            line += f"\n{a} %= 10007\n{b} %= 10007"
        return line.split("\n")

    def walrus_if(self, depth: int) -> list[str]:
        name = self.fresh("i")
        test = f"if ({name} := {self.int_expr(1)}) {self.pick(['>', '<', '=='])} {self.n(-2, 5)}:"
        self.bind("int", name)      # bound by the test whichever branch runs
        return [test] + self.indent(self.block(depth - 1))

    def with_stmt(self, depth: int) -> list[str]:
        managers = self.names("cm")
        if not managers:
            return self.if_stmt(depth)
        return [f"with {self.pick(managers)}({self.n(0, 3)}) as cm:", "    print('inside', cm.n)"] \
            + self.indent(self.block(depth - 1))

    def if_stmt(self, depth: int) -> list[str]:
        lines = [f"if {self.bool_expr(2)}:"] + self.indent(self.block(depth - 1))
        if self.chance(2):
            lines += [f"elif {self.bool_expr(1)}:"] + self.indent(self.block(depth - 1))
        if self.chance(2):
            lines += ["else:"] + self.indent(self.block(depth - 1))
        return lines

    def loop_body(self, depth: int) -> list[str]:
        self.loop_depth += 1
        try:
            return self.indent(self.block(depth - 1))
        finally:
            self.loop_depth -= 1

    def for_stmt(self, depth: int) -> list[str]:
        var = self.fresh("i")
        source = self.pick([f"range({self.n(0, 4)})", f"range({self.n(-2, 2)}, {self.n(0, 5)})",
                            f"{self.list_expr(1)}[:5]", f"range({self.n(0, 4)}, -1, -{self.n(1, 2)})"])
        self.scopes.append({"int": [var]})
        try:
            header = f"for {var} in {source}:"
            if self.chance(4):
                key = self.fresh("k")
                self.bind("str", key)
                header = f"for {key}, {var} in sorted({self.dict_expr(1)}.items()):"
            body = self.loop_body(depth)
        finally:
            self.scopes.pop()
        tail = ["else:", f"    print('done', {var!r})"] if self.chance(4) else []
        return [header] + body + tail

    def while_stmt(self, depth: int) -> list[str]:
        counter = self.fresh("w")
        head = [f"{counter} = 0", f"while {counter} < {self.n(0, 4)}:", f"    {counter} += 1"]
        body = self.loop_body(depth)
        self.bind("int", counter)      # only after the body: the body must never touch it
        return head + body

    def try_stmt(self, depth: int) -> list[str]:
        lines = ["try:"] + self.indent(self.block(depth - 1))
        handlers = self.draw(st.lists(st.sampled_from(EXCEPTIONS + self.names("exc")), min_size=1,
                                      max_size=3, unique=True))
        for exc in handlers:
            lines += [f"except {exc} as e:", "    print('caught', repr(e))"]
        if self.chance(3):
            lines += ["else:"] + self.indent(self.block(depth - 1, (1, 1)))
        if self.chance(3):
            lines += ["finally:", "    print('finally')"]
        return lines

    # -- definitions (top level only) ----------------------------------------------------------
    def function(self, depth: int) -> list[str]:
        name = self.fresh("f")
        self.scopes.append({"int": ["a", "b"]})
        self.in_function = True
        self.local_from = len(self.scopes) - 1
        try:
            body = self.block(1, (0, 2))
            ret = self.int_expr(2)
        finally:
            self.in_function = False
            self.local_from = 0
            self.scopes.pop()
        default = self.pick(["b", "b=2", "b=-1"])
        self.bind("func", name)
        return [f"def {name}(a, {default}):"] + self.indent(body + [f"return {ret}"])

    def recursive(self, depth: int) -> list[str]:
        name = self.fresh("r")
        self.bind("rec", name)
        op = self.pick(["+", "*", "-"])
        return [f"def {name}(n):", "    if n <= 1:", f"        return {self.n(0, 3)}",
                f"    return {name}(n - 1) {op} n"]

    def closure(self, depth: int) -> list[str]:
        maker, name = self.fresh("make"), self.fresh("c")
        self.bind("func1", name)
        return [f"def {maker}(start):", "    count = start", "    def step(k):",
                "        nonlocal count", "        count = (count + k) % 10007", "        return count",
                "    return step", f"{name} = {maker}({self.int_expr(1)})"]

    def generator(self, depth: int) -> list[str]:
        name = self.fresh("g")
        self.bind("gen", name)
        return [f"def {name}(n):", "    for v in range(n):", f"        if v % {self.n(2, 3)} == 0:",
                "            continue", f"        yield v * {self.n(-2, 3)} // (v - {self.n(4, 5 + RISKY)})"]

    def klass(self, depth: int) -> list[str]:
        cls = self.fresh("C")
        lines = [f"class {cls}:", f"    k = {self.n(-2, 5)}", "    def __init__(self, v):",
                 "        self.v = v", "        self.items = []", "    def get(self):",
                 f"        return self.v {self.pick(['+', '*', '-'])} {cls}.k",
                 "    def add(self, w):", "        self.items.append(w)",
                 "        return len(self.items)", "    def __repr__(self):",
                 f"        return f'{cls}(v={{self.v!r}})'",
                 "    def __eq__(self, other):", "        return isinstance(other, type(self)) and self.v == other.v",
                 "    def __lt__(self, other):", "        return self.v < other.v",
                 "    def __len__(self):", f"        return abs(self.v) % {self.n(1, 5)}",
                 "    def __add__(self, other):", f"        return {cls}(self.v + (other.v if isinstance(other, {cls}) else other))",
                 "    def __iter__(self):", "        return iter(self.items)",
                 "    def __contains__(self, w):", "        return w in self.items",
                 "    def __getitem__(self, i):", "        return self.items[i]",
                 "    def ratio(self, w):", "        return self.v // w",
                 "    @property", "    def double(self):", "        return self.v * 2",
                 "    @staticmethod", "    def helper(w):", f"        return w * {self.n(-2, 3)}",
                 "    @classmethod", "    def make(cls, w):", "        return cls(w + 1)"]
        if self.chance(2):
            sub = self.fresh("D")
            lines += [f"class {sub}({cls}):", "    def get(self):",
                      f"        return super().get() * {self.n(-1, 3)}"]
            cls = sub
        obj = self.fresh("o")
        line = f"{obj} = {cls}({self.int_expr(1)})"
        self.bind("obj", obj)
        return lines + [line]

    def finally_function(self, depth: int) -> list[str]:
        name = self.fresh("fin")
        self.bind("func1", name)
        return [f"def {name}(a):", "    try:", f"        if a > {self.n(0, 3)}:", "            return a",
                f"        return {self.n(1, 9)} // (a - {self.n(0, 2)})", "    finally:",
                f"        print('finally', a)"]

    def context_manager(self, depth: int) -> list[str]:
        name = self.fresh("CM")
        self.bind("cm", name)
        return [f"class {name}:", "    def __init__(self, n):", "        self.n = n",
                "    def __enter__(self):", f"        print('enter', self.n)", "        return self",
                "    def __exit__(self, kind, value, tb):", "        print('exit', repr(value))",
                f"        return {self.pick(['False', 'True', 'self.n > 1'])}"]

    def exception_class(self, depth: int) -> list[str]:
        name = self.fresh("Err")
        self.bind("exc", name)
        base = self.pick(["Exception", "ValueError", "KeyError"])
        return [f"class {name}({base}):", "    pass"]


@st.composite
def typed_programs(draw) -> str:
    """A whole terminating program; its last statement is an expression (the REPL value)."""
    b = ProgramBuilder(draw)
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        lines += b.statement(2)
    value = b.pick([b.int_expr, b.str_expr, b.list_expr, b.dict_expr])(2)
    if draw(st.booleans()):
        value = f"({value}, {b.any_expr(1)})"
    source = "\n".join(lines + [value]) + "\n"
    return ("import math\n" if "math." in source else "") + source

