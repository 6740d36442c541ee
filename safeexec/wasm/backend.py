"""`WasmBackend`: a Session's sandbox on a CPython-in-WebAssembly guest.

How Limits map onto the guest:
- max_ops -> fuel: max_ops * FUEL_PER_OP units of wasmtime fuel (about one per wasm instruction).
  The budget starts when the snippet's own code starts (compiling it is not counted) and
  Result.ops is the fuel that code used, divided by FUEL_PER_OP: the same code in a fresh session
  always counts the same.
- timeout -> an epoch deadline (stops anything the guest computes, C loops included) and a
  wall-clock deadline that host-side sleeps and tool calls also consume.
- max_memory -> the store's limit on linear memory: what the guest held when the session started
  plus max_memory. Linear memory never shrinks, so it bounds the session's peak.
- max_output -> counted and cut in the guest, checked again on the host.
- max_depth -> the guest's recursion limit (the module frame plus max_depth calls).
Out of fuel and out of time are wasm traps: the guest dies, the next run starts a fresh one from
the session's initial variables, and the error says so. MemoryError, RecursionError and the output
cap are sticky inside the guest (see guest.py) and keep the session.

Values cross as codec.py describes; the REPL value comes back as itself when it can, otherwise as
its repr (a str). `variables` holds only the names whose values can cross.
Imported only by safeexec.session, lazily (it imports wasmtime); must not import safeexec.interp.
"""
from __future__ import annotations

import ast
import keyword
import time
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..errors import (CodeError, LimitExceeded, ParseError, PolicyViolation, SafeexecError,
                      Violation)
from ..hostwarnings import silenced
from ..limits import Limits
from ..result import Result
from . import codec, engine, pool
from .imports import ImportRule, static_refusals
from .process import BOOT_TIMEOUT, Command, Process, Reply

FUEL_PER_OP = 4000           # wasmtime fuel per counted operation (see the module docstring)
INIT_FUEL = 20_000_000_000   # decoding the initial variables
PREP_FUEL = 20_000_000_000   # compiling a snippet, before its own budget starts
INIT_TIMEOUT = 30.0
GRACE = 2.0                  # seconds the host waits past the timeout before abandoning a guest
MAX_SOURCE = 2_000_000       # characters, as in the ast backend
USER_FILE = "<code>"
RESTARTED = "; the sandbox was restarted; variables from earlier runs were lost"

# Load (or compile, once) the default runtime now: a missing or damaged runtime is an ImportError
# at import, which Session reports as BackendUnavailable with the install hint.
engine.shared()


class _Holder:
    """The session's current guest, reachable from the finalizer without the backend."""

    def __init__(self) -> None:
        self.process: Process | None = None

    def close(self, wait: bool = False) -> None:
        process, self.process = self.process, None
        if process is not None:
            process.close(wait=wait)


class WasmBackend:
    """One sandbox: a long-lived guest whose names persist between runs."""

    def __init__(self, *, allowed_imports: Iterable[str] = (),
                 tools: Mapping[str, Callable[..., Any]] | None = None,
                 variables: Mapping[str, Any] | None = None, limits: Limits | None = None,
                 python_wasm: str | None = None) -> None:
        self.limits = limits if limits is not None else Limits()
        self.allowed = sorted(set(allowed_imports))
        if not all(isinstance(name, str) for name in self.allowed):
            raise TypeError("allowed_imports must be module names (str)")
        self.rule = ImportRule(self.allowed)
        self.tools = dict(tools or {})
        for name, fn in self.tools.items():
            if not (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)):
                raise ValueError(f"tool name {name!r} is not a Python identifier")
            if not callable(fn):
                raise TypeError(f"tool {name!r} is not callable")
        self.initial = _encode_variables(variables or {})
        self.shared = engine.shared(python_wasm)
        self.closed = False
        self.initialising = False
        self.holder = _Holder()
        self._finalizer = weakref.finalize(self, self.holder.close)
        self._start()

    # -- guest lifecycle --------------------------------------------------------------------------
    def _start(self) -> None:
        """Give the session a fresh guest (from the pool when one is ready) and send it the
        session's setup; the reply is collected by the first command."""
        self.holder.close()
        process = pool.take(self.shared) or Process(self.shared)
        process.tools = self.tools
        process.send(Command({"op": "init", "allowed": self.allowed, "tools": sorted(self.tools),
                              "variables": self.initial, "max_output": self.limits.max_output,
                              "max_depth": self.limits.max_depth},
                             fuel=INIT_FUEL, timeout=INIT_TIMEOUT,
                             memory_limit=self.limits.max_memory))
        self.holder.process = process
        self.initialising = True

    def _ready(self) -> Process:
        if self.closed:
            raise SafeexecError("this session is closed")
        process = self.holder.process
        if process is None or process.dead or process.abandoned:
            self._start()
            process = self.holder.process
        if self.initialising:
            reply = process.receive(BOOT_TIMEOUT + INIT_TIMEOUT)
            self.initialising = False
            if reply.message is None or reply.message.get("op") != "ok":
                self.holder.close()
                detail = reply.detail if reply.message is None else reply.message.get("message")
                raise SafeexecError(f"the wasm sandbox failed to start ({reply.death}: {detail})")
        return process

    def close(self) -> None:
        self.closed = True
        self._finalizer.detach()
        self.holder.close(wait=True)

    # -- runs -------------------------------------------------------------------------------------
    def run(self, code: str) -> Result:
        started = time.perf_counter()
        tree = _parse(code)
        refusals = static_refusals(tree, self.rule)
        if refusals:
            raise PolicyViolation([Violation(m, line, col) for m, line, col in refusals])
        process = self._ready()
        limits = self.limits
        reply = process.request(Command({"op": "exec", "code": code}, fuel=PREP_FUEL,
                                        run_fuel=limits.max_ops * FUEL_PER_OP,
                                        timeout=limits.timeout, max_output=limits.max_output),
                                wait=limits.timeout + GRACE)
        duration = time.perf_counter() - started
        output = _text(reply.output)
        ops = max(0, reply.fuel) // FUEL_PER_OP
        if reply.stopped:
            return Result(reply.stop_value, output, ops, duration, stopped=True)
        if reply.message is None:
            raise self._death(reply, output)
        message = reply.message
        status = message.get("status")
        if reply.output_over or status == "output":
            raise self._limit("output", output, message.get("lineno"))
        if status == "ok":
            value = message.get("value")
            text = message.get("repr")
            value = text if isinstance(text, str) else _decode(value)
            return Result(value, output, ops, duration)
        raise self._failure(message, output)

    @property
    def variables(self) -> dict[str, Any]:
        """The session's names whose values can cross the boundary (see codec.py); functions,
        classes, modules and other objects stay in the guest and are left out."""
        process = self._ready()
        reply = process.request(Command({"op": "vars"}, fuel=INIT_FUEL, timeout=INIT_TIMEOUT),
                                wait=INIT_TIMEOUT + GRACE)
        if reply.message is None:
            raise self._death(reply, "")
        found = _decode(reply.message.get("variables"))
        if not isinstance(found, dict):
            raise SafeexecError("the sandbox sent malformed variables")
        return found

    # -- errors -----------------------------------------------------------------------------------
    def _limit(self, limit: str, output: str, lineno=None, note: str = "") -> LimitExceeded:
        lim = self.limits
        message = {
            "ops": f"operation limit exceeded: more than {lim.max_ops:,} operations",
            "time": f"time limit exceeded: ran longer than {lim.timeout:g} s",
            "memory": f"memory limit exceeded: more than {lim.max_memory:,} bytes",
            "output": f"output limit exceeded: more than {lim.max_output:,} bytes printed",
            "depth": f"depth limit exceeded: more than {lim.max_depth:,} nested calls",
        }[limit]
        return LimitExceeded(limit, message + note, output=output,
                             lineno=lineno if isinstance(lineno, int) else None)

    def _death(self, reply: Reply, output: str) -> SafeexecError:
        """The guest died during a command: the next run gets a fresh one."""
        self.holder.close()
        death = reply.death or "crash"
        if death in ("ops", "time", "memory", "depth"):
            return self._limit(death, output, note=RESTARTED)
        if death == "exit":
            return CodeError("SystemExit", f"the sandboxed program ended its process "
                             f"({reply.detail}){RESTARTED}", output=output)
        if death == "closed":
            return SafeexecError("the run was interrupted" + RESTARTED, output=output)
        return SafeexecError(f"the sandbox crashed ({reply.detail}){RESTARTED}", output=output)

    def _failure(self, message: dict, output: str) -> SafeexecError:
        status = message.get("status")
        lineno = message.get("lineno")
        lineno = lineno if isinstance(lineno, int) else None
        if status in ("memory", "depth"):
            detail = message.get("detail")
            note = f" ({detail[:200]})" if isinstance(detail, str) and detail else ""
            return self._limit(status, output, lineno, note=note)
        if status == "policy":
            return PolicyViolation(str(message.get("message")), output=output, lineno=lineno)
        if status == "parse":
            col = message.get("col")
            return ParseError(str(message.get("message")), lineno=lineno,
                              col=col if isinstance(col, int) else None,
                              text=str(message.get("text") or ""), output=output)
        if status == "error":
            return CodeError(str(message.get("type")), str(message.get("message")), lineno=lineno,
                             traceback=str(message.get("traceback") or ""), output=output)
        return SafeexecError(f"the sandbox driver failed: {message.get('message', message)}",
                             output=output)


def _parse(code: str) -> ast.Module:
    """Parse on the host, with the host's Python: the same ParseError as the ast backend."""
    if len(code) > MAX_SOURCE:
        raise PolicyViolation(f"source is too large: {len(code):,} characters (the limit is "
                              f"{MAX_SOURCE:,})")
    try:
        with silenced():    # CPython's SyntaxWarnings would reach the host's stderr
            return ast.parse(code, USER_FILE, "exec")
    except SyntaxError as e:
        raise ParseError(e.msg, lineno=e.lineno, col=e.offset, text=e.text or "") from None
    except (RecursionError, MemoryError):
        raise ParseError("code is nested too deeply to parse", lineno=1, col=1) from None
    except ValueError as e:
        raise ParseError(str(e), lineno=1, col=1) from None


def _encode_variables(variables: Mapping[str, Any]) -> dict:
    for name, value in variables.items():
        if not isinstance(name, str):
            raise TypeError(f"variable names must be str, not {type(name).__name__}")
        try:
            codec.to_plain(value)
        except codec.Unencodable as exc:
            raise TypeError(f"variable {name!r} cannot be passed to the wasm backend: {exc} "
                            f"(JSON-like values only: None, bool, int, float, str, bytes, list, "
                            f"tuple, dict, set, frozenset)") from None
    return codec.to_plain(dict(variables))


def _decode(value: Any) -> Any:
    try:
        return codec.from_plain(value)
    except (ValueError, RecursionError):
        raise SafeexecError("the sandbox sent a malformed value") from None


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace")
