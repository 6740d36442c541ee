"""The compiler core: turns a checked AST into closures `(frame) -> value` (expressions) and
`(frame) -> None | BREAK | CONTINUE | RETURN` (statements), one handler per node class in the
EXPR and STMT tables (filled by exprs.py, stmts.py, functions.py, patterns.py).

Generator bodies run in "gen mode": a statement containing `yield` compiles to a Python generator
function and blocks drive it with `yield from`; yield-free statements stay plain closures.
"""
from __future__ import annotations

import ast

from . import scopes as sc
from .guards import Cell
from .runtime import UNBOUND, note_line

EXPR: dict[type, object] = {}
STMT: dict[type, object] = {}


class Unsupported(Exception):
    """A construct this interpreter does not run; becomes a PolicyViolation with its position."""

    def __init__(self, message: str, node: ast.AST) -> None:
        super().__init__(message)
        self.node = node


def contains_yield(node: ast.AST) -> bool:
    """True when `node` has a yield outside nested scopes."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.Yield, ast.YieldFrom)):
            return True
        for child in ast.iter_child_nodes(n):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                      ast.ClassDef, ast.ListComp, ast.SetComp, ast.DictComp,
                                      ast.GeneratorExp)):
                stack.append(child)
            elif isinstance(child, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                stack.append(child.generators[0].iter)
    return False


class Compiler:
    """Compiles the code of one scope. A new Compiler is made for each nested scope."""

    def __init__(self, scopes: dict, scope: sc.Scope, qualname: str = "",
                 class_name: str | None = None) -> None:
        self.scopes = scopes
        self.scope = scope
        self.qualname = qualname          # qualname prefix for defs in this scope
        self.class_name = class_name      # enclosing class, for private name mangling
        self.gen_mode = scope.is_generator and scope.kind == "function"

    # -- dispatch -----------------------------------------------------------------------------
    def expr(self, node: ast.expr):
        handler = EXPR.get(type(node))
        if handler is None:
            raise Unsupported(f"{type(node).__name__} expressions are not supported", node)
        return handler(self, node)

    def stmt(self, node: ast.stmt):
        """Return (closure, is_generator)."""
        if self.gen_mode and contains_yield(node):
            from .generators import GEN_STMT
            handler = GEN_STMT.get(type(node))
            if handler is None:
                raise Unsupported(f"'yield' inside a {type(node).__name__} statement is not "
                                  f"supported; move the yield into its own statement", node)
            return handler(self, node), True
        handler = STMT.get(type(node))
        if handler is None:
            raise Unsupported(f"{type(node).__name__} statements are not supported", node)
        return handler(self, node), False

    def block(self, stmts: list[ast.stmt]):
        """Compile a statement list; a generator closure when any statement yields."""
        compiled = [self.stmt(s) for s in stmts]
        if any(is_gen for _, is_gen in compiled):
            from .generators import gen_block
            return gen_block(compiled, [s.lineno for s in stmts]), True
        return plain_block([c for c, _ in compiled], [s.lineno for s in stmts]), False

    def body(self, stmts: list[ast.stmt]):
        closure, is_gen = self.block(stmts)
        if is_gen and not self.gen_mode:
            raise AssertionError("generator block outside a generator")
        return closure

    def mangle(self, name: str) -> str:
        if self.class_name and name.startswith("__") and not name.endswith("__"):
            return f"_{self.class_name.lstrip('_')}{name}"
        return name

    # -- names --------------------------------------------------------------------------------
    def load_name(self, name: str):
        kind, slot = self.scope.resolve(name)
        if kind == sc.LOCAL:
            def load(f):
                v = f[slot]
                if v is UNBOUND:
                    raise UnboundLocalError(f"cannot access local variable '{name}' where it "
                                            f"is not associated with a value")
                return v
            return load
        if kind in (sc.CELL, sc.FREE):
            free = kind == sc.FREE

            def load_cell(f):
                v = f[slot].v
                if v is UNBOUND:
                    if free:
                        raise NameError(f"cannot access free variable '{name}' where it is not "
                                        f"associated with a value in enclosing scope")
                    raise UnboundLocalError(f"cannot access local variable '{name}' where it "
                                            f"is not associated with a value")
                return v
            return load_cell
        if kind == sc.CLASSNS:
            def load_class(f):
                ns = f[1]
                try:
                    return ns[name]
                except KeyError:
                    pass
                if slot is not None:
                    v = f[slot].v
                    if v is UNBOUND:
                        raise NameError(f"cannot access free variable '{name}' where it is not "
                                        f"associated with a value in enclosing scope")
                    return v
                rt = f[0]
                try:
                    return rt.g[name]
                except KeyError:
                    try:
                        return rt.b[name]
                    except KeyError:
                        raise NameError(f"name '{name}' is not defined") from None
            return load_class

        def load_global(f):
            rt = f[0]
            try:
                return rt.g[name]
            except KeyError:
                try:
                    return rt.b[name]
                except KeyError:
                    raise NameError(f"name '{name}' is not defined") from None
        return load_global

    def store_name(self, name: str):
        kind, slot = self.scope.resolve(name)
        if kind == sc.LOCAL:
            def store(f, v):
                f[slot] = v
        elif kind in (sc.CELL, sc.FREE):
            def store(f, v):
                f[slot].v = v
        elif kind == sc.CLASSNS:
            def store(f, v):
                f[1][name] = v
        else:
            def store(f, v):
                f[0].g[name] = v
        return store

    def del_name(self, name: str):
        kind, slot = self.scope.resolve(name)
        load = self.load_name(name)
        if kind == sc.LOCAL:
            def delete(f):
                load(f)
                f[slot] = UNBOUND
        elif kind in (sc.CELL, sc.FREE):
            def delete(f):
                load(f)
                f[slot].v = UNBOUND
        elif kind == sc.CLASSNS:
            def delete(f):
                try:
                    del f[1][name]
                except KeyError:
                    raise NameError(f"name '{name}' is not defined") from None
        else:
            def delete(f):
                try:
                    del f[0].g[name]
                except KeyError:
                    raise NameError(f"name '{name}' is not defined") from None
        return delete

    def local_cell_slots(self) -> tuple[int, ...]:
        """Slots of non-parameter locals that live in cells (made empty at frame entry)."""
        s = self.scope
        return tuple(s.slots[n] for n in s.cells if n not in s.params)

    def class_cell_slot(self) -> int | None:
        return self.scope.slots.get("__class__") if self.scope.kind == "class" else None


def plain_block(closures: list, lines: list[int]):
    """Run statements in order; stop at the first control signal. Notes the failing line."""
    closures = tuple(closures)
    linemap = dict(zip(closures, lines))
    if len(closures) == 1:
        (s0,), (l0,) = closures, lines

        def block1(f):
            try:
                return s0(f)
            except BaseException as e:
                note_line(e, l0)
                raise
        return block1
    if len(closures) == 2:
        (s0, s1), (l0, l1) = closures, lines

        def block2(f):
            try:
                r = s0(f)
            except BaseException as e:
                note_line(e, l0)
                raise
            if r is not None:
                return r
            try:
                return s1(f)
            except BaseException as e:
                note_line(e, l1)
                raise
        return block2

    def block(f):
        s = None
        try:
            for s in closures:
                r = s(f)
                if r is not None:
                    return r
        except BaseException as e:
            note_line(e, linemap.get(s, lines[0]))
            raise
        return None
    return block


__all__ = ["Compiler", "EXPR", "STMT", "Unsupported", "plain_block", "Cell", "contains_yield"]
