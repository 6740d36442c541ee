"""The `wasm` backend: real CPython 3.12, compiled to WebAssembly, run under wasmtime.

Isolation instead of mediation: the guest has no WASI capabilities (no files, sockets, environment
or clocks beyond what the host shims give), fuel bounds operations, epoch interruption bounds wall
time, and the store's memory limit bounds memory. Tools are called through the host over a JSON
protocol; state persists in a long-lived guest between runs.

Modules: runtime (find and verify the CPython build), stack (the binary patch that enlarges its C
stack), cache (compiled-module cache), engine (the shared engine, module and epoch ticker), wasi
(the host's WASI shims), codec (values across the boundary), guest (the driver inside the guest),
process (one guest instance and its thread), pool (pre-booted guests), backend (`WasmBackend`).

Importing this package never imports wasmtime; `safeexec.wasm.backend` does.
"""
