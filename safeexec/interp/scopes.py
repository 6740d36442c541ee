"""Scope analysis: which names are local, cell, free, global or class-level in each scope, with
CPython's rules (class bodies are skipped by nested functions; comprehensions are scopes of their
own; walrus binds in the enclosing function). Resolved once per compile; imports only ast.
"""
from __future__ import annotations

import ast

LOCAL, CELL, FREE, GLOBAL, CLASSNS = "local", "cell", "free", "global", "classns"
FIRST_SLOT = 2  # frame[0] is the runtime, frame[1] the return value


class ScopeError(Exception):
    def __init__(self, message: str, node: ast.AST) -> None:
        super().__init__(message)
        self.node = node


class Scope:
    def __init__(self, node: ast.AST, kind: str, parent: "Scope | None") -> None:
        self.node, self.kind, self.parent = node, kind, parent
        self.bound: dict[str, None] = {}
        self.used: set[str] = set()
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()
        self.children: list[Scope] = []
        self.params: list[str] = []
        self.cells: set[str] = set()
        self.frees: dict[str, None] = {}
        self.slots: dict[str, int] = {}
        self.needs_class_cell = False
        self.is_generator = False
        if parent is not None:
            parent.children.append(self)

    def bind(self, name: str) -> None:
        self.bound.setdefault(name, None)

    def is_function(self) -> bool:
        return self.kind in ("function", "comprehension")

    def resolve(self, name: str) -> tuple[str, int | None]:
        """How `name` is reached from code in this scope."""
        if self.kind == "module":
            return GLOBAL, None
        if name in self.globals:
            return GLOBAL, None
        if self.kind == "class":
            # the class namespace first, then an enclosing function's cell (LOAD_CLASSDEREF),
            # else globals and builtins
            free = name in self.frees and name not in self.bound
            return CLASSNS, self.slots.get(name) if free else None
        if name in self.frees:
            return FREE, self.slots[name]
        if name in self.bound:
            return (CELL if name in self.cells else LOCAL), self.slots[name]
        return GLOBAL, None

    def nslots(self) -> int:
        return FIRST_SLOT + len(self.slots)


class _Collector(ast.NodeVisitor):
    """Pass 1: build the scope tree, recording bindings, uses and declarations."""

    def __init__(self, root: ast.AST) -> None:
        self.scope = Scope(root, "module", None)
        self.root = self.scope
        self.by_node: dict[ast.AST, Scope] = {root: self.scope}

    def _enter(self, node: ast.AST, kind: str) -> Scope:
        scope = Scope(node, kind, self.scope)
        self.by_node[node] = scope
        return scope

    def _visit_in(self, scope: Scope, nodes) -> None:
        saved, self.scope = self.scope, scope
        for n in nodes:
            self.visit(n)
        self.scope = saved

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.scope.used.add(node.id)
            if node.id == "super" and self.scope.kind == "function":
                self.scope.used.add("__class__")
        else:
            self.scope.bind(node.id)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            if name in self.scope.bound or name in self.scope.used:
                raise ScopeError(f"name '{name}' is used prior to global declaration", node)
            self.scope.globals.add(name)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        if self.scope.kind == "module":
            raise ScopeError("nonlocal declaration not allowed at module level", node)
        for name in node.names:
            if name in self.scope.bound or name in self.scope.used:
                raise ScopeError(f"name '{name}' is used prior to nonlocal declaration", node)
            self.scope.nonlocals.add(name)

    def _arguments(self, args: ast.arguments, scope: Scope) -> None:
        for a in args.posonlyargs + args.args:
            scope.params.append(a.arg)
        if args.vararg:
            scope.params.append(args.vararg.arg)
        for a in args.kwonlyargs:
            scope.params.append(a.arg)
        if args.kwarg:
            scope.params.append(args.kwarg.arg)
        for p in scope.params:
            scope.bind(p)
        for d in args.defaults + [d for d in args.kw_defaults if d is not None]:
            self.visit(d)

    def visit_FunctionDef(self, node) -> None:
        for d in node.decorator_list:
            self.visit(d)
        self.scope.bind(node.name)
        scope = self._enter(node, "function")
        self._arguments(node.args, scope)  # defaults visited in the enclosing scope
        # the defaults were visited with self.scope still the parent: correct
        self._visit_in(scope, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        scope = self._enter(node, "function")
        self._arguments(node.args, scope)
        self._visit_in(scope, [node.body])

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for d in node.decorator_list:
            self.visit(d)
        for b in node.bases:
            self.visit(b)
        for k in node.keywords:
            self.visit(k.value)
        self.scope.bind(node.name)
        scope = self._enter(node, "class")
        self._visit_in(scope, node.body)

    def _comprehension(self, node, elts) -> None:
        gens = node.generators
        self.visit(gens[0].iter)  # evaluated in the enclosing scope
        scope = self._enter(node, "comprehension")
        saved, self.scope = self.scope, scope
        scope.params.append(".0")
        scope.bind(".0")
        for i, gen in enumerate(gens):
            self.visit(gen.target)
            if i:
                self.visit(gen.iter)
            for cond in gen.ifs:
                self.visit(cond)
        for e in elts:
            self.visit(e)
        self.scope = saved
        if isinstance(node, ast.GeneratorExp):
            scope.is_generator = True

    def visit_ListComp(self, node) -> None:
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node) -> None:
        self._comprehension(node, [node.key, node.value])

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        target = self.scope
        while target.kind == "comprehension":
            target = target.parent
        if target is not self.scope:
            if target.kind == "class":
                raise ScopeError("assignment expression within a comprehension cannot be used "
                                 "in a class body", node)
            # the comprehension reaches the name as a free variable of the enclosing function
            self.scope.used.add(node.target.id)
            s = self.scope
            while s is not target:
                s.nonlocals.add(node.target.id) if target.kind != "module" else s.globals.add(node.target.id)
                s = s.parent
        target.bind(node.target.id)

    def visit_Import(self, node) -> None:
        for alias in node.names:
            self.scope.bind(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node) -> None:
        for alias in node.names:
            if alias.name != "*":
                self.scope.bind(alias.asname or alias.name)

    def visit_ExceptHandler(self, node) -> None:
        if node.name:
            self.scope.bind(node.name)
        self.generic_visit(node)

    def visit_MatchAs(self, node) -> None:
        if node.name:
            self.scope.bind(node.name)
        self.generic_visit(node)

    def visit_MatchStar(self, node) -> None:
        if node.name:
            self.scope.bind(node.name)

    def visit_MatchMapping(self, node) -> None:
        if node.rest:
            self.scope.bind(node.rest)
        self.generic_visit(node)

    def visit_Yield(self, node) -> None:
        self.scope.is_generator = True
        self.generic_visit(node)

    visit_YieldFrom = visit_Yield


def _resolve(scope: Scope) -> None:
    """Pass 2 (top-down then bottom-up): decide cells and frees, then lay out slots."""
    for child in scope.children:
        _resolve(child)
    if scope.kind == "module":
        return
    wanted = set(scope.nonlocals)
    for name in scope.used:
        if name not in scope.globals and name not in scope.bound and (
                scope.is_function() or scope.kind == "class"):
            wanted.add(name)
    for child in scope.children:
        for name in child.frees:
            if name in scope.globals:
                continue
            if scope.kind != "class" and name in scope.bound and name not in scope.nonlocals:
                scope.cells.add(name)
            else:
                wanted.add(name)
    if scope.kind == "class":
        if "__class__" in wanted:
            wanted.discard("__class__")
            scope.needs_class_cell = True
    for name in sorted(wanted):
        if _binds_in_enclosing(scope, name):
            scope.frees[name] = None
        elif name in scope.nonlocals:
            raise ScopeError(f"no binding for nonlocal '{name}' found", scope.node)
    for name in scope.nonlocals:
        scope.bound.pop(name, None)
    # slot layout: params first (in order), then other locals, then frees
    names = list(dict.fromkeys(scope.params + list(scope.bound))) if scope.kind != "class" else []
    for name in names:
        if name not in scope.globals and name not in scope.frees:
            scope.slots[name] = FIRST_SLOT + len(scope.slots)
    for name in scope.frees:
        scope.slots[name] = FIRST_SLOT + len(scope.slots)
    if scope.needs_class_cell:
        scope.slots["__class__"] = FIRST_SLOT + len(scope.slots)


def _binds_in_enclosing(scope: Scope, name: str) -> bool:
    s = scope.parent
    while s is not None and s.kind != "module":
        if s.kind == "class":
            if name == "__class__" and s.needs_class_cell:
                return True
            s = s.parent
            continue
        if name in s.globals:
            return False
        if name in s.bound or name in s.nonlocals:
            return True
        s = s.parent
    return name == "__class__" and _class_parent(scope) is not None


def _class_parent(scope: Scope) -> Scope | None:
    s = scope.parent
    return s if s is not None and s.kind == "class" else None


def analyse(tree: ast.Module) -> dict[ast.AST, Scope]:
    """Return the scope of every scope-defining node of `tree`."""
    collector = _Collector(tree)
    for stmt in tree.body:
        collector.visit(stmt)
    # classes whose methods use super()/__class__ need the implicit __class__ cell
    for scope in collector.by_node.values():
        if scope.kind == "class":
            for child in scope.children:
                if child.kind == "function" and "__class__" in child.used:
                    scope.needs_class_cell = True
    _resolve(collector.root)
    return collector.by_node
