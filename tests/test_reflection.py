"""Every ast node class of the running Python is either compiled by the ast backend or rejected
with a clear PolicyViolation -- never silently ignored."""
from __future__ import annotations

import ast

import pytest

import safeexec
from safeexec.interp import checker

# Node classes that are abstract bases or exist only for backwards compatibility: the parser never
# produces them.
ABSTRACT_OR_DEPRECATED = {
    ast.AST, ast.mod, ast.stmt, ast.expr, ast.expr_context, ast.boolop, ast.operator,
    ast.unaryop, ast.cmpop, ast.excepthandler, ast.pattern, ast.type_ignore, ast.slice,
    ast.AugLoad, ast.AugStore, ast.Param, ast.Suite, ast.Index, ast.ExtSlice, ast.Num, ast.Str,
    ast.Bytes, ast.NameConstant, ast.Ellipsis,
}


def all_node_classes() -> list[type]:
    return sorted((c for c in vars(ast).values()
                   if isinstance(c, type) and issubclass(c, ast.AST)
                   and c not in ABSTRACT_OR_DEPRECATED), key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", all_node_classes(), ids=lambda c: c.__name__)
def test_every_node_class_is_handled_or_rejected(cls: type) -> None:
    assert cls in checker.known_node_classes(), f"{cls.__name__} has no handler and no rejection"


@pytest.mark.parametrize("code, fragment", [
    ("async def f():\n    pass", "async functions are not supported"),
    ("async def f():\n    await g()", "'await' is not supported"),
    ("async def f():\n    async for x in y:\n        pass", "'async for' is not supported"),
    ("async def f():\n    async with y:\n        pass", "'async with' is not supported"),
])
def test_rejected_nodes_name_the_construct_and_position(code: str, fragment: str) -> None:
    with pytest.raises(safeexec.PolicyViolation) as err:
        safeexec.run(code)
    assert fragment in str(err.value)
    assert all(v.lineno is not None for v in err.value.violations)


def test_unknown_node_class_is_rejected_not_ignored(monkeypatch) -> None:
    """A node class from a future Python (simulated by removing a handler) is refused."""
    from safeexec.interp import compiler
    monkeypatch.delitem(compiler.STMT, ast.Assert)
    tree = ast.parse("assert x")
    from safeexec.interp.modules import ImportPolicy
    violations = checker.check(tree, ImportPolicy(()))
    assert [v.message for v in violations] == ["Assert is not supported by the sandbox"]
