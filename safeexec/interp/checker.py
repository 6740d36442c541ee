"""Static policy check, before anything runs: every node class is known, no forbidden name,
dunder attribute, definition or import. Collects every violation with its position.

Walks iteratively (no recursion), so a deeply nested tree cannot crash the check."""
from __future__ import annotations

import ast

from ..errors import Violation
from . import exprs, functions, generators, patterns, policy, stmts  # noqa: F401 (fill tables)
from .compiler import EXPR, STMT
from .guards import static_name_problem
from .patterns import PATTERNS

MAX_NESTING = 1000  # AST depth: bounds the compiler's and the closures' recursion
# Node classes that are parts of other nodes (handled by their parent's handler).
STRUCTURAL = {
    ast.Module, ast.arguments, ast.arg, ast.keyword, ast.alias, ast.withitem, ast.comprehension,
    ast.ExceptHandler, ast.match_case, ast.Load, ast.Store, ast.Del, ast.TypeIgnore,
    *[c for c in vars(ast).values() if isinstance(c, type) and issubclass(c, (ast.operator,
      ast.unaryop, ast.cmpop, ast.boolop))],
    ast.MatchStar,
}
REJECTED = {
    ast.AsyncFunctionDef: "async functions are not supported in the sandbox",
    ast.AsyncFor: "'async for' is not supported in the sandbox",
    ast.AsyncWith: "'async with' is not supported in the sandbox",
    ast.Await: "'await' is not supported in the sandbox",
    ast.Interactive: "interactive mode is not supported",
    ast.Expression: "expression mode is not supported",
    ast.FunctionType: "function type comments are not supported",
}
ALLOWED_DUNDER_NAMES = frozenset({"__name__", "__doc__", "__class__", "__qualname__",
                                  "__module__", "__annotations__", "__match_args__", "__slots__",
                                  "__members__", "__init__", "__repr__", "__str__"})


def known_node_classes() -> set[type]:
    return set(EXPR) | set(STMT) | set(PATTERNS) | STRUCTURAL | set(REJECTED)


def _bound_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


def check(tree: ast.Module, import_policy) -> list[Violation]:
    out: list[Violation] = []
    bound = _bound_names(tree)

    def add(node, message):
        out.append(Violation(message, getattr(node, "lineno", None), getattr(node, "col_offset", None)))

    stack = [(tree, 0, None)]
    too_deep = False
    while stack:
        node, depth, parent = stack.pop()
        t = type(node)
        if depth > MAX_NESTING:
            if not too_deep:
                add(node, f"code is nested too deeply (more than {MAX_NESTING} levels)")
                too_deep = True
            continue
        if t in REJECTED:
            add(node, REJECTED[t])
        elif t not in EXPR and t not in STMT and t not in PATTERNS and t not in STRUCTURAL:
            add(node, f"{t.__name__} is not supported by the sandbox")
        elif t is ast.Name:
            _check_name(node, bound, add)
        elif t is ast.Attribute:
            problem = static_name_problem(node.attr)
            if problem:
                add(node, problem)
        elif t is ast.Import:
            for alias in node.names:
                if not import_policy.allows(alias.name):
                    add(node, f"import of '{alias.name}' is not allowed; {import_policy.describe()}")
        elif t is ast.ImportFrom:
            if node.level:
                add(node, "relative imports are not supported in the sandbox")
            elif not import_policy.allows(node.module):
                add(node, f"import of '{node.module}' is not allowed; {import_policy.describe()}")
        elif t is ast.ClassDef:
            _check_class_body(node, add)
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + 1, node))
    out.sort(key=lambda v: (v.lineno or 0, v.col or 0))
    return out


def _check_name(node: ast.Name, bound: set[str], add) -> None:
    name = node.id
    if isinstance(node.ctx, ast.Load):
        if name in policy.FORBIDDEN_BUILTINS and name not in bound:
            add(node, f"name '{name}' is not allowed: {policy.FORBIDDEN_BUILTINS[name]}")
            return
    if name.startswith("__") and name.endswith("__"):
        if isinstance(node.ctx, ast.Load) and name not in ALLOWED_DUNDER_NAMES:
            add(node, f"name '{name}' is not allowed: dunder names are reserved")
        elif not isinstance(node.ctx, ast.Load) and name in policy.FORBIDDEN_DEFINITIONS:
            add(node, f"name '{name}' may not be assigned: {policy.FORBIDDEN_DEFINITIONS[name]}")


def _check_class_body(node: ast.ClassDef, add) -> None:
    for stmt in node.body:
        names = []
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names = [stmt.name]
        elif isinstance(stmt, ast.Assign):
            names = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
        for name in names:
            if name in policy.FORBIDDEN_DEFINITIONS:
                add(stmt, f"a class may not define '{name}': {policy.FORBIDDEN_DEFINITIONS[name]}")
