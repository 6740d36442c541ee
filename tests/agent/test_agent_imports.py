"""agent/ uses only safeexec's public API: never safeexec.interp, safeexec.wasm or internals."""
import ast
from pathlib import Path

import safeexec

AGENT_DIR = Path(__file__).resolve().parents[2] / "agent"


def imported_names(path):
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            for alias in node.names:
                yield node.lineno, node.module, alias.name


def test_agent_imports_only_the_public_safeexec_api():
    modules = sorted(AGENT_DIR.rglob("*.py"))
    assert len(modules) >= 10
    wrong = []
    for path in modules:
        for lineno, module, name in imported_names(path):
            where = f"{path.relative_to(AGENT_DIR.parent)}:{lineno}"
            if module.startswith("safeexec."):
                wrong.append(f"{where}: imports {module}")
            elif module == "safeexec" and name is not None and name not in safeexec.__all__:
                wrong.append(f"{where}: imports safeexec.{name}, which is not public")
    assert wrong == []
