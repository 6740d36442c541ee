"""Dependency direction (STYLE.md): core modules import downward only, agent/ uses only the public
API, and nothing but the wasm backend imports wasmtime."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Lower layers first; a module may import only from its own layer or below.
LAYERS = [
    {"errors", "limits", "result", "hostwarnings", "interp.templates"},
    {"interp.meter", "interp.policy", "interp.signals", "interp.scopes", "interp.isolate"},
    {"interp.sizes", "interp.guards", "interp.errors_map"},
    {"interp.module_wraps", "interp.modules", "interp.runtime"},
    {"interp.calls", "interp.safe_builtins", "interp.shapes", "interp.fused"},
    {"interp.compiler"},
    {"interp.exprs", "interp.targets", "interp.stmts", "interp.patterns"},
    {"interp.functions", "interp.generators"},
    {"interp.checker", "interp.tracebacks"},
    {"interp.backend"},
    {"session", "demo", "interp", "wasm"},
]


def _layer_of(module: str) -> int | None:
    for i, layer in enumerate(LAYERS):
        if module in layer or module.split(".")[0] in layer and module.startswith("wasm"):
            return i
    return None


def _imports(path: Path, package: str) -> set[str]:
    tree = ast.parse(path.read_text())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")
            base = base[: len(base) - node.level + 1]
            mod = ".".join(base[1:] + ([node.module] if node.module else []))
            names = [mod] if node.module else [f"{mod}.{a.name}".lstrip(".") for a in node.names]
            out.update(n.lstrip(".") for n in names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_interp_modules_import_downward_only() -> None:
    problems = []
    for path in sorted((ROOT / "safeexec" / "interp").glob("*.py")):
        if path.name == "__init__.py":
            continue
        me = f"interp.{path.stem}"
        mine = _layer_of(me)
        assert mine is not None, f"{me} is not placed in a layer in tests/test_layers.py"
        for dep in _imports(path, f"safeexec.interp.{path.stem}"):
            layer = _layer_of(dep)
            if layer is not None and layer > mine:
                problems.append(f"{me} (layer {mine}) imports {dep} (layer {layer})")
    assert not problems, "\n".join(problems)


def test_agent_uses_only_the_public_api() -> None:
    bad = []
    for path in sorted((ROOT / "agent").rglob("*.py")):
        for dep in _imports(path, "agent.x"):
            if dep.startswith("safeexec.") or dep in ("safeexec.interp", "safeexec.wasm"):
                bad.append(f"{path.relative_to(ROOT)} imports {dep}")
    assert not bad, "\n".join(bad)


def test_only_the_wasm_backend_imports_wasmtime() -> None:
    bad = []
    for path in sorted((ROOT / "safeexec").rglob("*.py")):
        if "wasm" in path.relative_to(ROOT / "safeexec").parts[0]:
            continue
        if any(d.split(".")[0] == "wasmtime" for d in _imports(path, "safeexec.x")):
            bad.append(str(path.relative_to(ROOT)))
    assert not bad, bad
