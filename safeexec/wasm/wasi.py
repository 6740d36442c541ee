"""The host's versions of four WASI calls, defined once on the shared linker over wasmtime's WASI.

- fd_pwrite / fd_pread on fd 0: the channel to the guest driver (see guest.py); other fds are
  refused with EBADF (the guest has no files to write at an offset).
- poll_oneoff (time.sleep, select): sleeps on the host, but never past the run's deadline. A guest
  blocked in a host call ignores epoch interruption, so WASI's own sleep would outlast any timeout.
- clock_time_get: shadowed so that poll_oneoff can read the absolute times the guest passes; the
  guest's monotonic clock is the host's.

Each call finds its guest through a thread-local (every guest runs on its own thread).
Traps: a host function must never raise. wasmtime-py parks a raised exception in a module global
that a trap on another thread can pick up; errors become WASI errnos instead, and to end a guest
the host empties its fuel (Process.kill) so it traps at its next fuel check. Every pointer and
length comes from the guest: all memory access is bounds-checked.
"""
from __future__ import annotations

import struct
import threading
import time

import wasmtime

ESUCCESS, EBADF, EFAULT, EINVAL = 0, 8, 21, 28
MODULE = "wasi_snapshot_preview1"
CH_MESSAGE, CH_OUTPUT_BUFFER, CH_FLUSH, CH_METER = 0, 1, 2, 3   # the `offset` of a pwrite on fd 0
MAX_IOVECS = 1024
MAX_SUBSCRIPTIONS = 1024
CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS, CLOCK_THREAD = 0, 1, 2, 3

_local = threading.local()


class Fault(Exception):
    """A pointer or length from the guest points outside its memory."""


def bind(process) -> None:
    """Make `process` the guest that WASI calls on this thread belong to."""
    _local.process = process


def current():
    return _local.process


def read(store, memory: wasmtime.Memory, ptr: int, size: int) -> bytes:
    if ptr < 0 or size < 0 or ptr + size > memory.data_len(store):
        raise Fault(ptr)
    return bytes(memory.read(store, ptr, ptr + size)) if size else b""


def write(store, memory: wasmtime.Memory, ptr: int, data: bytes) -> None:
    if ptr < 0 or ptr + len(data) > memory.data_len(store):
        raise Fault(ptr)
    if data:
        memory.write(store, data, ptr)


def _iovecs(caller, memory, iovs: int, count: int) -> list[tuple[int, int]]:
    if not 0 <= count <= MAX_IOVECS:
        raise Fault(count)
    raw = read(caller, memory, iovs, 8 * count)
    return [struct.unpack_from("<II", raw, 8 * i) for i in range(count)]


def u32(value: int) -> int:
    """wasmtime-py hands i32 arguments over signed; pointers and lengths are unsigned."""
    return value & 0xFFFFFFFF


def _guarded(body):
    """Run a host function body; any failure becomes an errno, never an exception."""
    try:
        return body()
    except Fault:
        return EFAULT
    except BaseException as exc:        # noqa: BLE001 - a host function must not raise
        try:
            current().fail(exc)
        except BaseException:           # noqa: BLE001
            pass
        return EFAULT


def fd_pwrite(caller, fd, iovs, iovs_len, offset, nwritten_ptr):
    iovs, iovs_len, nwritten_ptr = u32(iovs), u32(iovs_len), u32(nwritten_ptr)

    def body():
        if fd != 0:
            return EBADF
        process = current()
        memory = process.memory
        vecs = _iovecs(caller, memory, iovs, iovs_len)
        total = sum(size for _, size in vecs)
        if offset == CH_MESSAGE:
            if total > process.max_message:
                raise Fault(total)
            data = b"".join(read(caller, memory, ptr, size) for ptr, size in vecs)
            process.on_message(caller, data)
        elif offset == CH_OUTPUT_BUFFER and vecs:
            process.on_output_buffer(caller, *vecs[0])
        elif offset == CH_FLUSH:
            process.drain(caller)
        elif offset == CH_METER and total == 1:
            process.on_meter(b"".join(read(caller, memory, ptr, size) for ptr, size in vecs))
        else:
            return EINVAL
        write(caller, memory, nwritten_ptr, struct.pack("<I", total))
        return ESUCCESS
    return _guarded(body)


def fd_pread(caller, fd, iovs, iovs_len, offset, nread_ptr):
    iovs, iovs_len, nread_ptr = u32(iovs), u32(iovs_len), u32(nread_ptr)

    def body():
        if fd != 0:
            return EBADF
        process = current()
        memory = process.memory
        reply, done = process.reply, 0
        for ptr, size in _iovecs(caller, memory, iovs, iovs_len):
            chunk = reply[offset + done:offset + done + size] if offset >= 0 else b""
            write(caller, memory, ptr, chunk)
            done += len(chunk)
            if len(chunk) < size:
                break
        write(caller, memory, nread_ptr, struct.pack("<I", done))
        return ESUCCESS
    return _guarded(body)


def now_ns(clock_id: int, process) -> int | None:
    if clock_id == CLOCK_REALTIME:
        return time.time_ns()
    if clock_id == CLOCK_MONOTONIC:
        return time.monotonic_ns()
    if clock_id in (CLOCK_PROCESS, CLOCK_THREAD):
        return time.monotonic_ns() - process.started_ns
    return None


def clock_time_get(caller, clock_id, precision, out_ptr):
    out_ptr = u32(out_ptr)

    def body():
        process = current()
        value = now_ns(clock_id, process)
        if value is None:
            return EINVAL
        write(caller, process.memory, out_ptr, struct.pack("<Q", value))
        return ESUCCESS
    return _guarded(body)


def poll_oneoff(caller, in_ptr, out_ptr, count, nevents_ptr):
    """Clock subscriptions sleep (bounded by the deadline); fd subscriptions are ready at once."""
    in_ptr, out_ptr, count, nevents_ptr = u32(in_ptr), u32(out_ptr), u32(count), u32(nevents_ptr)

    def body():
        if not 0 < count <= MAX_SUBSCRIPTIONS:
            return EINVAL
        process = current()
        memory = process.memory
        raw = read(caller, memory, in_ptr, 48 * count)
        ready, clocks = [], []
        for i in range(count):
            base = 48 * i
            userdata, tag = struct.unpack_from("<QB", raw, base)
            if tag == 0:
                clock_id, timeout, _precision, flags = struct.unpack_from("<I4xQQH", raw, base + 16)
                now = now_ns(clock_id, process)
                if now is None:
                    ready.append(struct.pack("<QHB5xQH6x", userdata, EINVAL, tag, 0, 0))
                    continue
                clocks.append((timeout - now if flags & 1 else timeout, userdata))
            elif tag in (1, 2):
                ready.append(struct.pack("<QHB5xQH6x", userdata, ESUCCESS, tag, 0, 0))
            else:
                return EINVAL
        if not ready and clocks:
            delay = max(0, min(ns for ns, _ in clocks))
            process.sleep(delay / 1e9)
            ready = [struct.pack("<QHB5xQH6x", userdata, ESUCCESS, 0, 0, 0)
                     for ns, userdata in clocks if ns <= delay]
        write(caller, memory, out_ptr, b"".join(ready))
        write(caller, memory, nevents_ptr, struct.pack("<I", len(ready)))
        return ESUCCESS
    return _guarded(body)


def define(linker: wasmtime.Linker) -> None:
    """Shadow the WASI calls above on `linker` (which already has wasmtime's WASI)."""
    i32, i64 = wasmtime.ValType.i32(), wasmtime.ValType.i64()
    signatures = {
        "fd_pwrite": (fd_pwrite, [i32, i32, i32, i64, i32]),
        "fd_pread": (fd_pread, [i32, i32, i32, i64, i32]),
        "clock_time_get": (clock_time_get, [i32, i64, i32]),
        "poll_oneoff": (poll_oneoff, [i32, i32, i32, i32]),
    }
    linker.allow_shadowing = True
    for name, (func, params) in signatures.items():
        linker.define_func(MODULE, name, wasmtime.FuncType(params, [i32]), func,
                           access_caller=True)
    linker.allow_shadowing = False
