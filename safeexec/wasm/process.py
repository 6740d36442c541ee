"""One guest: a CPython instance in its own store, driven from its own thread.

The guest's `_start` runs on a worker thread for the guest's whole life. Between commands the
driver sits in a host call (the fd_pwrite carrying its last reply) and the worker waits there for
the next command. The owner (a WasmBackend) talks to it through queues: `request()` puts a Command
and waits for the Reply. Tool calls are handed back to the owner's thread and run there, as in the
ast backend (thread-locals, signals and a KeyboardInterrupt behave as the caller expects). Only the
worker touches the store, inside host calls or after `_start` returned (wasmtime stores are not
thread-safe); the owner only sets flags.

Budgets are set when a command is handed over: fuel (ops), the epoch deadline and the wall-clock
deadline (time, which host-side sleeps and tool calls also consume), the output cap, and with the
first command the store's memory limit. A trap ends the guest for good; the Reply then says why
("ops", "time", "memory", "depth", "exit", "crash", or the reason the host killed it) and carries
the output the guest printed before it died, read from its memory.
Traps: wasmtime-py keeps Python callbacks for the life of the store, so the worker always closes
the store; and a waiting owner always gets a Reply, because the worker posts one when it ends.
"""
from __future__ import annotations

import json
import math
import queue
import threading
import time
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import wasmtime

from ..errors import Stop
from . import codec, wasi
from .engine import MAX_FUEL, MAX_SECONDS, Shared, Ticker

BOOT_FUEL = 50_000_000_000       # boot + driver setup use ~0.4e9; generous for a loaded machine
BOOT_TIMEOUT = 60.0
EXIT_TIMEOUT = 5.0
STOP_GRACE_FUEL = 2_000_000_000  # fuel left to unwind after a tool's Stop (~0.2 s)
POST_FUEL = 5_000_000_000        # after sandboxed code: the driver formats tracebacks, values
MAX_MESSAGE = 64 * 2**20         # bytes of one guest message (a REPL value, the variables)
TOOL_GRACE = 2.0                 # seconds the owner waits for the guest after a tool returns
STDERR_TAIL = 4096               # bytes of the guest's raw stderr kept for crash reports
NEAR_CAP = 2**20                 # a trap this close to the memory cap counts as "memory"
WASM32_MEMORY = 4 * 2**30
MAX_BYTECODE = 2**20
# The guest's program: the driver's source, compiled in the guest (whose first "ready" hands the
# compiled code back), or that code itself, which spares later guests ~20 ms of compiling.
BOOT_SOURCE = "import sys; __code = compile(sys.argv.pop(), '<safeexec>', 'exec'); exec(__code)"
BOOT_CODE = "import sys, marshal; exec(marshal.loads(bytes.fromhex(sys.argv.pop())))"


@cache
def driver_source() -> str:
    """The guest's program: the codec, the import rule and the driver, in that order."""
    here = files(__package__)
    return "\n".join(here.joinpath(name).read_text(encoding="utf-8")
                     for name in ("codec.py", "imports.py", "guest.py"))


@dataclass
class Command:
    message: dict
    fuel: int
    timeout: float
    max_output: int = 0
    memory_limit: int | None = None      # bytes the guest may grow by from now (first command)
    run_fuel: int | None = None          # fuel for sandboxed code alone, from its start mark


@dataclass
class Reply:
    message: dict | None                 # the guest's answer; None when the guest died instead
    death: str | None = None             # why it died (see the module docstring)
    detail: str = ""
    fuel: int = 0                        # fuel the sandboxed code used (or the whole command)
    output: bytes = b""
    output_over: bool = False            # the host cut the output at the cap
    stopped: bool = False                # a tool raised Stop (set by the owner)
    stop_value: object = None


@dataclass
class ToolCall:
    """A tool call from the guest, run by the owner."""
    name: str
    args: list
    kwargs: dict


def _frame(message: dict) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return len(body).to_bytes(8, "little") + body


def exception_payload(exc: Exception) -> dict:
    """A tool's exception as the guest re-raises it: the same builtin type and message; other
    types become RuntimeError("Type: message") (as in the ast backend). No traceback, no cause."""
    t = type(exc)
    try:
        text = str(exc)
    except Exception:
        text = f"<{t.__name__} with an unprintable message>"
    if t.__module__ == "builtins":
        simple = all(isinstance(a, (str, int, float, bool, type(None))) for a in exc.args)
        return {"type": t.__name__, "args": list(exc.args) if simple else [text]}
    return {"type": "RuntimeError", "args": [f"{t.__name__}: {text}"]}


class Process:
    """A booting or running guest. Create it, set `tools`, then `request()` commands."""

    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self.tools: dict = {}
        self.inbox: queue.SimpleQueue[Command] = queue.SimpleQueue()
        self.outbox: queue.SimpleQueue[Reply | ToolCall] = queue.SimpleQueue()
        self.answers: queue.SimpleQueue[dict | None] = queue.SimpleQueue()   # to tool calls
        self.seq = 0
        self.stop: tuple | None = None      # (value,) once a tool raised Stop in this command
        self.dead = False
        self.abandoned = False
        self.kill_reason: str | None = None
        self.wakeup = threading.Event()
        self.max_message = MAX_MESSAGE
        self.started_ns = time.monotonic_ns()
        # worker-side state
        self.store: wasmtime.Store | None = None
        self.memory: wasmtime.Memory | None = None
        self.reply = b""
        self.outbuf: tuple[int, int] | None = None
        self.memory_cap = 0
        self.deadline = math.inf
        self.fuel_budget = 0
        self.run_fuel: int | None = None
        self.metered: int | None = None     # fuel the sandboxed code used, once it ended
        self.phase = "boot"                 # then "prep" -> "code" -> "post" within each command
        self.stopped = False
        self.reborn = False
        self.stderr_tail = b""
        self.lock = threading.Lock()
        self.out = bytearray()
        self.out_cap = 0
        self.out_over = False
        self.thread = threading.Thread(target=self._main, name="safeexec-wasm-guest", daemon=True)
        self.thread.start()

    # -- owner side -----------------------------------------------------------------------------
    def send(self, command: Command) -> None:
        """Queue `command`; the guest takes it when it finishes the previous one."""
        self.seq += 1
        command.message["seq"] = self.seq
        self.inbox.put(command)

    def receive(self, wait: float) -> Reply:
        """The Reply to the last command sent, running the tool calls it makes meanwhile. Waits
        up to `wait` s (extended after each tool call): guest code is stopped by its own
        deadline, so only a host-side failure gets that far. On timeout or interruption the
        guest is abandoned: killed at its next host call, never used again."""
        if self.abandoned:
            return Reply(None, self.kill_reason or "closed", "the guest is no longer running")
        self.stop = None
        until = time.monotonic() + min(wait, MAX_SECONDS)
        try:
            while True:
                item = self.outbox.get(timeout=min(max(0.0, until - time.monotonic()),
                                                   threading.TIMEOUT_MAX))
                if isinstance(item, ToolCall):
                    self.answers.put(self._run_tool(item))
                    until = max(until, time.monotonic() + TOOL_GRACE)
                elif item.message is None or item.message.get("seq") == self.seq:
                    if self.stop is not None:
                        item.stopped, item.stop_value = True, self.stop[0]
                    return item
        except queue.Empty:
            self.abandon("time")
            with self.lock:
                return Reply(None, "time", "the guest did not answer in time",
                             output=bytes(self.out), output_over=self.out_over)
        except BaseException:
            self.abandon("closed")
            raise

    def _run_tool(self, call: ToolCall) -> dict:
        """Run a tool for the guest; its answer as the guest's tool proxy expects it."""
        if self.stop is not None:
            return {"stop": True}
        fn = self.tools.get(call.name)
        if fn is None:
            return {"raise": {"type": "NameError", "args": [f"no tool named {call.name!r}"]}}
        try:
            result = fn(*call.args, **call.kwargs)
        except Stop as stop:
            self.stop = (stop.value,)
            return {"stop": True}
        except Exception as exc:    # noqa: BLE001 - re-raised in the guest, catchable there
            return {"raise": exception_payload(exc)}
        try:
            return {"ok": codec.to_plain(result)}
        except codec.Unencodable as exc:
            return {"raise": {"type": "TypeError", "args": [
                f"tool '{call.name}' returned a value that cannot enter the sandbox: {exc}"]}}

    def request(self, command: Command, wait: float) -> Reply:
        self.send(command)
        return self.receive(wait)

    def abandon(self, reason: str) -> None:
        self.abandoned = True
        self.kill_reason = self.kill_reason or reason
        self.wakeup.set()
        self.answers.put(None)

    def close(self, wait: bool = True) -> None:
        """End the guest; with `wait`, until its store is freed (bounded by EXIT_TIMEOUT)."""
        if not self.dead and not self.abandoned:
            self.abandoned = True
            self.inbox.put(Command({"op": "exit"}, fuel=BOOT_FUEL, timeout=EXIT_TIMEOUT))
        else:
            self.abandon("closed")
        if wait and self.thread is not threading.current_thread():
            self.thread.join(EXIT_TIMEOUT)

    # -- worker side ----------------------------------------------------------------------------
    def _main(self) -> None:
        wasi.bind(self)
        ticker = self.shared.ticker
        ticker.acquire()
        death, detail = "crash", ""
        try:
            while True:
                self.reborn = False
                death, detail = self._life()
                if not self.reborn:
                    break
                self._close_store()
        finally:
            self.dead = True
            if self.kill_reason is not None and death != "exit":
                death = self.kill_reason
            reply = self._final_reply(death, detail)
            self._close_store()
            ticker.release()
            self.outbox.put(reply)

    def _life(self) -> tuple[str, str]:
        """Boot a guest and run it until it ends; returns why it ended."""
        code = self.shared.driver_code
        try:
            self.store = wasmtime.Store(self.shared.engine)
            config = wasmtime.WasiConfig()
            config.argv = (["python", "-S", "-c", BOOT_CODE, code.hex()] if code else
                           ["python", "-S", "-c", BOOT_SOURCE, driver_source()])
            config.env = [("PYTHONHASHSEED", "0")]    # deterministic ops for the same code
            config.stderr_custom = self._on_stderr
            self.store.set_wasi(config)
            self._set_budget(self.store, BOOT_FUEL, BOOT_TIMEOUT)
            instance = self.shared.pre.instantiate(self.store)
            exports = instance.exports(self.store)
            self.memory = exports["memory"]
            exports["_start"](self.store)
            death, detail = "exit", "the guest exited"
        except wasmtime.ExitTrap as exc:
            death, detail = "exit", f"the guest exited with status {exc.code}"
        except wasmtime.Trap as exc:
            death, detail = self._classify(exc), str(exc.message).splitlines()[0]
        except BaseException as exc:        # noqa: BLE001 - the owner must always get a Reply
            death, detail = "crash", f"{type(exc).__name__}: {exc}"
        if code is not None and self.phase == "boot" and not self.reborn:
            self.shared.driver_code = None      # never said "ready": boot from source again
        return death, detail

    def _close_store(self) -> None:
        if self.store is not None:
            self.store.close()
        self.store = self.memory = self.outbuf = None
        self.phase = "boot"

    def _final_reply(self, death: str, detail: str) -> Reply:
        fuel = 0
        if self.store is not None and self.memory is not None:
            try:
                self.drain(self.store)
                fuel = self.used_fuel()
            except Exception:       # noqa: BLE001 - a damaged guest: report without its output
                pass
        if death == "crash" and self.stderr_tail:
            detail += "; guest stderr: " + self.stderr_tail.decode("utf-8", "replace")[-500:]
        with self.lock:
            return Reply(None, death, detail, fuel, bytes(self.out), self.out_over)

    def _classify(self, trap: wasmtime.Trap) -> str:
        code = trap.trap_code
        if code == wasmtime.TrapCode.OUT_OF_FUEL:
            return "ops"
        if code == wasmtime.TrapCode.INTERRUPT:
            return "time"
        if code == wasmtime.TrapCode.STACK_OVERFLOW:
            return "depth"
        try:
            if self.memory_cap and self.memory.data_len(self.store) + NEAR_CAP >= self.memory_cap:
                return "memory"
        except Exception:       # noqa: BLE001
            pass
        return "crash"

    def _on_stderr(self, data: bytes) -> int:
        self.stderr_tail = (self.stderr_tail + bytes(data))[-STDERR_TAIL:]
        return len(data)

    def _set_budget(self, store, fuel: int, timeout: float) -> None:
        fuel = min(fuel, MAX_FUEL)
        store.set_fuel(fuel)
        store.set_epoch_deadline(Ticker.ticks(timeout))
        self.fuel_budget = fuel
        self.deadline = time.monotonic() + min(timeout, MAX_SECONDS)


    def kill(self, reason: str) -> None:
        """Worker side, inside a host call: the guest traps at its next fuel check."""
        self.kill_reason = self.kill_reason or reason
        self.store.set_fuel(0)

    def fail(self, exc: BaseException) -> None:
        """A host function failed unexpectedly: end the guest rather than guess."""
        if self.store is not None:
            self.stderr_tail += f"\nhost shim failed: {type(exc).__name__}: {exc}".encode()
            self.kill("crash")

    def on_message(self, caller, data: bytes) -> None:
        self.drain(caller)
        try:
            message = json.loads(data.decode("utf-8", "surrogatepass"))
            op = message["op"]
        except (ValueError, TypeError, KeyError, RecursionError):
            return self.kill("crash")
        if op == "tool":
            self.reply = _frame(self._call_tool(message))
        elif op in ("ready", "ok", "result", "vars", "fault"):
            if op == "ready" and self.phase == "boot" and \
                    self._keep_bytecode(message.get("bytecode")):
                # Boot again from the bytecode: a guest that compiled its driver has a different
                # heap history, and every guest must count the same ops for the same code.
                self.reborn = True
                self.reply = _frame({"op": "exit"})
                return
            if op != "ready":
                with self.lock:
                    self.outbox.put(Reply(message, None, "", self.used_fuel(),
                                          bytes(self.out), self.out_over))
            self._next_command(caller)
        else:
            self.kill("crash")

    def _keep_bytecode(self, hexed) -> bool:
        """Keep the driver's compiled code from a guest's first message; True when kept. Safe to
        trust: nothing but the driver has run in a guest that has not yet been given a command."""
        if isinstance(hexed, str) and len(hexed) <= 2 * MAX_BYTECODE:
            try:
                code = bytes.fromhex(hexed)
            except ValueError:
                return False
            if self.shared.driver_code is None:
                self.shared.driver_code = code
            return True
        return False

    def _next_command(self, caller) -> None:
        command = self.inbox.get()            # the guest waits in this host call meanwhile
        if self.kill_reason is not None:
            return self.kill(self.kill_reason)
        if command.memory_limit is not None:
            self.memory_cap = min(self.memory.data_len(caller) + command.memory_limit,
                                  WASM32_MEMORY)
            self.store.set_limits(memory_size=self.memory_cap)
        with self.lock:
            self.out, self.out_cap, self.out_over = bytearray(), command.max_output, False
        self.stopped = False
        self._set_budget(self.store, command.fuel, command.timeout)
        self.run_fuel, self.metered = command.run_fuel, None
        self.phase = "prep"
        self.reply = _frame(command.message)

    def on_meter(self, mark: bytes) -> None:
        """Sandboxed code starts (b"+": it gets exactly its own fuel) or ends (b"-": the driver
        gets POST_FUEL to report). Each happens once per command, so a guest that forges marks
        gains at most POST_FUEL, and never time."""
        if self.run_fuel is None:
            return
        if mark == b"+" and self.phase == "prep":
            self.phase, self.fuel_budget = "code", min(self.run_fuel, MAX_FUEL)
            self.store.set_fuel(self.fuel_budget)
        elif mark == b"-" and self.phase == "code":
            self.phase, self.metered = "post", self.fuel_budget - self.store.get_fuel()
            self.fuel_budget = POST_FUEL
            self.store.set_fuel(POST_FUEL)

    def used_fuel(self) -> int:
        """Fuel the current command's sandboxed code used (all of it when it is not metered)."""
        if self.metered is not None:
            return self.metered
        if self.run_fuel is not None and self.phase != "code":
            return 0
        return self.fuel_budget - self.store.get_fuel()

    def on_output_buffer(self, caller, ptr: int, size: int) -> None:
        if size >= 4:
            self.outbuf = (ptr, size)

    def drain(self, store) -> None:
        """Move what the guest printed from its buffer to the run's output (capped)."""
        if self.outbuf is None:
            return
        ptr, size = self.outbuf
        count = min(int.from_bytes(wasi.read(store, self.memory, ptr, 4), "little"), size - 4)
        if count <= 0:
            return
        data = wasi.read(store, self.memory, ptr + 4, count)
        wasi.write(store, self.memory, ptr, b"\0\0\0\0")
        with self.lock:
            room = self.out_cap - len(self.out)
            if count > room:
                data, self.out_over = data[:max(room, 0)], True
            self.out += data

    def sleep(self, seconds: float) -> None:
        """A guest's sleep: never past the deadline, and cut short when the guest is abandoned."""
        left = self.deadline - time.monotonic()
        self.wakeup.wait(max(0.0, min(seconds, left)))
        if self.kill_reason is not None:
            self.kill(self.kill_reason)
        elif seconds >= left:
            self.kill("time")

    def _call_tool(self, message: dict) -> dict:
        """Hand a tool call to the owner and wait for its answer (the guest waits in this host
        call). Time spent in the tool counts against the deadline."""
        if self.stopped:
            return {"stop": True}
        name = message.get("name")
        try:
            args = codec.from_plain(message.get("args"))
            kwargs = codec.from_plain(message.get("kwargs"))
            if type(name) is not str or type(args) is not list or type(kwargs) is not dict:
                raise ValueError("malformed tool call")
        except (ValueError, RecursionError):
            self.kill("crash")
            return {"stop": True}
        self.outbox.put(ToolCall(name, args, kwargs))
        answer = self.answers.get()
        if answer is None or self.kill_reason is not None:       # abandoned meanwhile
            self.kill(self.kill_reason or "closed")
            return {"stop": True}
        if answer.get("stop"):
            self.stopped = True
            left = self.store.get_fuel()                 # enough to unwind, not to go on
            self.fuel_budget -= left - min(left, STOP_GRACE_FUEL)
            self.store.set_fuel(min(left, STOP_GRACE_FUEL))
        if time.monotonic() > self.deadline:
            self.kill("time")
        return answer
