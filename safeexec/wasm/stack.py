"""A binary patch that gives the guest CPython a bigger C stack.

The VMware WASI build of CPython 3.12 links a 512 KiB shadow stack at the bottom of linear memory.
Python-to-Python calls do not use it, but every call that goes through C does (`__init__` via
`type.__call__`, `functools.lru_cache`, `map`, `sorted(key=...)`), at about 8 KiB each: a recursive
`@lru_cache` function 61 calls deep overflows it, and the overflow is a wasm trap that kills the
instance. CPython's own C recursion limit (500 on WASI) would stop such recursion cleanly with a
RecursionError if the stack were big enough for it, which about 2 MiB is.

The patch moves the stack to a fresh region just past the module's initial memory: it raises the
memory's minimum size by `size` bytes and points the `__stack_pointer` global (global 0, a mutable
i32 initialised by `i32.const`) at the top of that region. malloc is unaffected: wasi-libc takes
its initial heap from `__heap_base`..`__heap_end` (a link-time constant, the old initial size) and
grows with `memory.grow`, which now starts past the new region.

Trap: the region has no guard below it, so overflowing even the new stack would corrupt the static
data under it instead of trapping; that stays inside the sandbox, and the C recursion limit keeps
real code several times below the size chosen here. The patch refuses any module whose layout does
not look exactly like this (a user-supplied build then runs unpatched).
"""
from __future__ import annotations

PAGE = 65536
STACK_SIZE = 8 * 2**20      # ~4x the deepest stack measured under CPython's C recursion limit
PATCH_VERSION = 1           # part of the compiled-module cache key

_MEMORY_SECTION, _GLOBAL_SECTION = 5, 6


class NotPatchable(ValueError):
    """The module's layout is not the one this patch understands."""


def _uleb(data: bytes, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, i


def _sleb(data: bytes, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            if byte & 0x40:
                result -= 1 << shift
            return result, i


def _enc_uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _enc_sleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte | (0 if done else 0x80))
        if done:
            return bytes(out)


def _sections(wasm: bytes) -> list[tuple[int, bytes]]:
    if wasm[:8] != b"\0asm\x01\0\0\0":
        raise NotPatchable("not a WebAssembly 1.0 module")
    sections, i = [], 8
    while i < len(wasm):
        size, start = _uleb(wasm, i + 1)
        sections.append((wasm[i], wasm[start:start + size]))
        i = start + size
    return sections


def relocate_stack(wasm: bytes, size: int = STACK_SIZE) -> bytes:
    """`wasm` with its shadow stack moved to a new `size`-byte region; raises NotPatchable."""
    if size % PAGE:
        raise ValueError("the stack size must be a whole number of pages")
    sections = _sections(wasm)
    ids = [sid for sid, _ in sections]
    if ids.count(_MEMORY_SECTION) != 1 or ids.count(_GLOBAL_SECTION) != 1:
        raise NotPatchable("expected one memory section and one global section")
    out = bytearray(wasm[:8])
    memory_top = None
    for sid, body in sections:
        if sid == _MEMORY_SECTION:
            count, i = _uleb(body, 0)
            if count != 1 or body[i] != 0:      # one memory, flags 0: a minimum and no maximum
                raise NotPatchable("expected one 32-bit memory without a maximum")
            pages, end = _uleb(body, i + 1)
            if end != len(body):
                raise NotPatchable("unexpected bytes after the memory limits")
            memory_top = pages * PAGE
            body = _enc_uleb(1) + b"\0" + _enc_uleb(pages + size // PAGE)
        elif sid == _GLOBAL_SECTION:
            if memory_top is None:
                raise NotPatchable("the global section precedes the memory section")
            count, i = _uleb(body, 0)
            # global 0: type i32 (0x7f), mutable (1), init `i32.const <sp>` (0x41 ... 0x0b)
            if count < 1 or body[i:i + 3] != b"\x7f\x01\x41":
                raise NotPatchable("global 0 is not a mutable i32 set by i32.const")
            old_sp, j = _sleb(body, i + 3)
            if body[j] != 0x0B or not 0 < old_sp <= memory_top:
                raise NotPatchable("global 0 does not look like __stack_pointer")
            body = (_enc_uleb(count) + b"\x7f\x01\x41" + _enc_sleb(memory_top + size)
                    + body[j:])
        out += bytes([sid]) + _enc_uleb(len(body)) + body
    return bytes(out)
