"""The compiled-module cache: compiling CPython's 26 MB module takes ~10 s, loading it ~1 ms.

A compiled module is native code that wasmtime maps and runs without further checks, so the cache
directory is a trust boundary: it is created 0700 and used only while it is owned by this user and
closed to group and others; otherwise modules are compiled in memory every time and never written.
Files are written to a temporary name and renamed, so a concurrent process never loads half a file.
The key covers the .wasm hash, the stack patch, the wasmtime version and the engine settings; an
entry wasmtime still rejects (a different CPU, a corrupt file) is deleted and recompiled.

Location: $SAFEEXEC_CACHE_DIR, else $XDG_CACHE_HOME/safeexec, else ~/.cache/safeexec; entries live
in its `wasm/` subdirectory. Must be imported only by the wasm backend (it imports wasmtime).
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import wasmtime

ENV_VAR = "SAFEEXEC_CACHE_DIR"


def cache_root() -> Path:
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "safeexec"


def _private_dir(path: Path) -> bool:
    """Create `path` (0700) if needed; True when it is a directory only this user can write."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid()
            and not info.st_mode & 0o077)


def _trusted_file(path: Path) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & 0o022


def entry_name(*parts: object) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()[:32] + ".cwasm"


def load_or_compile(engine: wasmtime.Engine, key: str,
                    source: Callable[[], bytes]) -> wasmtime.Module:
    """The module cached under `key`, or `source()` compiled (and cached when the cache is
    private). Prints one progress line on stderr when it compiles."""
    root = cache_root()
    directory = root / "wasm"
    usable = _private_dir(root) and _private_dir(directory)
    path = directory / key
    if usable and _trusted_file(path):
        try:
            return wasmtime.Module.deserialize_file(engine, str(path))
        except wasmtime.WasmtimeError:
            path.unlink(missing_ok=True)       # another engine's or a damaged entry
    where = f"cached in {directory}" if usable else "the cache directory is not private, so it " \
                                                    "is not cached"
    print(f"safeexec: compiling the CPython WebAssembly runtime (once; about 10 s; {where})",
          file=sys.stderr, flush=True)
    started = time.monotonic()
    module = wasmtime.Module(engine, source())
    if usable:
        _store(directory, path, module.serialize())
    print(f"safeexec: runtime compiled in {time.monotonic() - started:.1f} s", file=sys.stderr,
          flush=True)
    return module


def _store(directory: Path, path: Path, blob: bytes | bytearray) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".cwasm")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass   # a read-only or full disk only costs the next process a recompile
