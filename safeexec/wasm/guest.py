"""The driver inside the guest: a REPL loop in CPython 3.12 on WASI that talks to the host.

Runs only in the guest. The host never imports this file: it sends its text, after codec.py and
imports.py, as the program the guest runs (see process.driver_source). Must stay valid CPython
3.12 and import nothing from safeexec.

Channel: os.pwrite(0, data, channel) reaches the host, which shadows WASI fd_pwrite for fd 0.
Channel 0 is a JSON message, whose reply is read back with os.pread(0, ...): 8 bytes of length,
then the JSON text. Channel 1 registers the output buffer (the host learns its address from the
iovec); channel 2 asks the host to empty it; channel 3 marks where sandboxed code starts (b"+")
and ends (b"-"), so that the host meters only that code against max_ops. The host trusts none of
this: sandboxed code can call os.pwrite too, and only confuses its own session.

Output goes into that buffer (a 4-byte length, then bytes), so the host can read what was printed
even after a trap killed the guest mid-run.

Limits that CPython reports as exceptions (MemoryError at the store's memory cap, RecursionError
at the depth limit, the output cap, a refused import, a tool's Stop) are made sticky with
sys.monitoring: once one trips, every further line of sandboxed code raises it again, so
`except BaseException` cannot resume the work. Fuel and epoch limits are wasm traps and need
nothing here. Sandboxed code that reaches `sys` can switch this off; it then only defeats its own
session's bookkeeping, as the instance's memory, fuel and time stay capped by the host.
"""
import _ast
import _json
import builtins
import os
import sys

DRIVER_FILE = "<safeexec>"      # filename of this driver's code: stripped from tracebacks
USER_FILE = "<code>"            # filename of sandboxed code, as in the ast backend
CH_MESSAGE, CH_OUTPUT_BUFFER, CH_FLUSH, CH_METER = 0, 1, 2, 3
READ_CHUNK = 1 << 16
OUTPUT_BUFFER = 1 << 16
DRIVER_RECURSION = 1000         # recursion limit while the driver itself runs
RESERVE = 2 << 20               # bytes held back so the driver can still report at the memory cap
MONITOR = 3                     # sys.monitoring tool id (0-2 and 5 are the conventional ones)
IMPORT_NAME = __import__("opcode").opmap["IMPORT_NAME"]

_pwrite, _pread = os.pwrite, os.pread          # bound once: sandboxed code may rebind os's


class _JsonContext:
    """What _json's scanner reads from json.JSONDecoder; `json` itself would import `re`."""
    strict = True
    object_hook = object_pairs_hook = None
    parse_float, parse_int = float, int
    parse_constant = {"NaN": float("nan"), "Infinity": float("inf"),
                      "-Infinity": float("-inf")}.__getitem__
    memo = {}


_scan = _json.make_scanner(_JsonContext())
_encode = _json.make_encoder(None, None, _json.encode_basestring, None, ":", ",", False, False,
                             True)


def _dumps(data):
    return "".join(_encode(data, 0))


def _loads(text):
    return _scan(text, 0)[0]


_real_import = builtins.__import__
_stdout, _stderr = sys.stdout, sys.stderr


class Limit(BaseException):
    """A limit, refusal or Stop that sandboxed code must not get past (re-raised on every line)."""


def call(message):
    """Send one message to the host and return its reply."""
    _pwrite(0, _dumps(message).encode("utf-8", "surrogatepass"), CH_MESSAGE)
    head = _pread(0, READ_CHUNK, 0)
    size = int.from_bytes(head[:8], "little")
    body = head[8:]
    while len(body) < size:
        more = _pread(0, min(size - len(body), 1 << 20), 8 + len(body))
        if not more:
            break
        body += more
    return _loads(body.decode("utf-8", "surrogatepass"))


def user_line():
    """Line of the innermost sandboxed frame on the stack, or None."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename != USER_FILE:
        frame = frame.f_back
    return frame.f_lineno if frame is not None else None


class Output:
    """sys.stdout and sys.stderr of sandboxed code: counts bytes against the output cap and keeps
    them in the buffer the host reads."""

    encoding = "utf-8"
    errors = "surrogatepass"

    def __init__(self, driver):
        self.driver = driver
        self.buf = bytearray(4 + OUTPUT_BUFFER)
        _pwrite(0, self.buf, CH_OUTPUT_BUFFER)    # never resized: the host keeps its address

    def write(self, text):
        if type(text) is not str:
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        d = self.driver
        if d.tripped is not None:
            d.raise_again()
        data = text.encode("utf-8", "surrogatepass")
        room = d.max_output - d.printed
        if len(data) > room:
            cut = data[:room]
            for _ in range(4):                 # keep the whole characters that fit
                try:
                    cut.decode("utf-8", "surrogatepass")
                    break
                except UnicodeDecodeError:
                    cut = cut[:-1]
            self._put(cut)
            d.printed = d.max_output
            d.trip("output", f"output limit exceeded: more than {d.max_output:,} bytes printed")
        self._put(data)
        d.printed += len(data)
        return len(text)

    def _put(self, data):
        buf = self.buf
        pos = int.from_bytes(buf[:4], "little")    # the host empties the buffer on every message
        while data:
            if pos >= OUTPUT_BUFFER:
                _pwrite(0, b"", CH_FLUSH)
                pos = 0
            n = min(len(data), OUTPUT_BUFFER - pos)
            buf[4 + pos:4 + pos + n] = data[:n]
            pos += n
            data = data[n:]
            buf[:4] = pos.to_bytes(4, "little")

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True


class Finder:
    """Refuses to load a module the policy does not allow when sandboxed code itself asks for it
    (e.g. through importlib), not when a library does it internally."""

    def __init__(self, driver):
        self.driver = driver

    def find_spec(self, name, path=None, target=None):
        d = self.driver
        if not d.running or d.rule.allows(name):
            return None
        frame = sys._getframe(1)
        while frame is not None and str(frame.f_globals.get("__name__", "")).startswith(
                ("importlib", "_frozen_importlib")):
            frame = frame.f_back
        if frame is not None and frame.f_builtins is d.user_builtins:
            d.trip("policy", d.rule.refusal(name))
        return None


class Driver:
    """The session inside the guest: the user's namespace, its import rule and its limits."""

    def __init__(self):
        self.reserve = bytearray(RESERVE)     # given up when sandboxed code exhausts memory
        self.out = Output(self)
        self.tripped = None             # (kind, message, lineno) once a sticky limit tripped
        self.running = False
        self.printed = 0
        self.max_output = 1 << 20
        self.max_depth = 200
        self.lines = []
        self.tools = {}
        self.rule = ImportRule(())
        self.user_builtins = dict(builtins.__dict__)
        self.user_builtins["__import__"] = self.import_hook
        self.ns = {"__name__": "__main__", "__doc__": None, "__builtins__": self.user_builtins}
        sys.meta_path.insert(0, Finder(self))
        mon = sys.monitoring
        mon.use_tool_id(MONITOR, "safeexec")
        mon.register_callback(MONITOR, EVENTS.RAISE, self.on_raise)
        mon.register_callback(MONITOR, EVENTS.LINE, self.on_line)

    # -- sticky limits ----------------------------------------------------------------------
    def trip(self, kind, message):
        if self.tripped is None:
            self.tripped = (kind, message, user_line())
            sys.monitoring.set_events(MONITOR, EVENTS.RAISE | EVENTS.LINE)
        self.raise_again()

    def raise_again(self):
        kind, message, _ = self.tripped
        if kind in ("memory", "depth"):
            message = f"{kind} limit exceeded"
        raise Limit(message)

    def on_raise(self, code, offset, exc):
        if self.tripped is None and isinstance(exc, (MemoryError, RecursionError)):
            kind = "memory" if isinstance(exc, MemoryError) else "depth"
            self.tripped = (kind, str(exc), user_line())
            sys.monitoring.set_events(MONITOR, EVENTS.RAISE | EVENTS.LINE)

    def on_line(self, code, line):
        if self.tripped is not None and code.co_filename != DRIVER_FILE:
            self.raise_again()

    def import_hook(self, name, globals=None, locals=None, fromlist=(), level=0):
        frame = sys._getframe(1)
        # an import statement of sandboxed code; C code importing lazily (datetime's _strptime)
        # arrives here from a CALL instruction and is let through
        if frame.f_builtins is self.user_builtins and \
                frame.f_code.co_code[frame.f_lasti] == IMPORT_NAME:
            message = self.rule.refusal(name, level)
            if message:
                self.trip("policy", message)
        return _real_import(name, globals, locals, fromlist, level)

    # -- commands -----------------------------------------------------------------------------
    def init(self, msg):
        self.rule = ImportRule(msg["allowed"])
        self.max_output = msg["max_output"]
        self.max_depth = msg["max_depth"]
        for name in msg["tools"]:
            self.ns[name] = self.tools[name] = make_tool(name)
        self.ns.update(from_plain(msg["variables"]))
        return {"op": "ok"}

    def execute(self, code):
        self.tripped = None
        self.printed = 0
        if self.reserve is None:
            try:
                self.reserve = bytearray(RESERVE)
            except MemoryError:
                pass
        try:
            tree = compile(code, USER_FILE, "exec", _ast.PyCF_ONLY_AST)
            final = None
            if tree.body and type(tree.body[-1]) is _ast.Expr:
                final = compile(_ast.Expression(tree.body.pop().value), USER_FILE, "eval")
            body = compile(tree, USER_FILE, "exec")
        except SyntaxError as e:
            return {"op": "result", "status": "parse", "message": str(e.msg),
                    "lineno": e.lineno, "col": e.offset, "text": e.text or ""}
        except MemoryError as e:
            self.reserve = None
            return {"op": "result", "status": "memory", "detail": str(e), "lineno": None}
        except (ValueError, RecursionError) as e:
            return {"op": "result", "status": "parse", "message": str(e), "lineno": 1, "col": 1,
                    "text": ""}
        self.lines = code.splitlines(True)
        value = text = None
        error = None
        sys.stdout = sys.stderr = self.out
        sys.setrecursionlimit(stack_depth() + 1 + self.max_depth)
        sys.monitoring.set_events(MONITOR, EVENTS.RAISE)
        self.running = True
        _pwrite(0, b"+", CH_METER)
        try:
            exec(body, self.ns)
            if final is not None:
                value = eval(final, self.ns)
                if value is not None:
                    try:
                        value = to_plain(value)
                    except Unencodable:
                        text, value = repr(value), None
        except BaseException as e:      # everything sandboxed code raised, SystemExit included
            error = e
        finally:
            _pwrite(0, b"-", CH_METER)
            if isinstance(error, MemoryError) or self.tripped and self.tripped[0] == "memory":
                self.reserve = None               # room to report, and to take the next command
            self.running = False
            sys.monitoring.set_events(MONITOR, 0)
            sys.setrecursionlimit(DRIVER_RECURSION)
            sys.stdout, sys.stderr = _stdout, _stderr
        return self.report(value, text, error)

    def report(self, value, text, error):
        if self.tripped is not None:
            kind, message, lineno = self.tripped
            return {"op": "result", "status": kind, "message": message, "detail": message,
                    "lineno": lineno}
        if error is None:
            return {"op": "result", "status": "ok", "value": value, "repr": text}
        if isinstance(error, (MemoryError, RecursionError)):   # raised before monitoring was on
            kind = "memory" if isinstance(error, MemoryError) else "depth"
            return {"op": "result", "status": kind, "message": str(error), "detail": str(error),
                    "lineno": None}
        try:
            message = str(error)
        except BaseException:
            message = "<exception str() failed>"
        lineno, trace = describe_traceback(error, self.lines)
        return {"op": "result", "status": "error", "type": type(error).__name__,
                "message": message, "lineno": lineno, "traceback": trace}

    def variables(self):
        found = {}
        for name, value in list(self.ns.items()):
            if name.startswith("__") and name.endswith("__") or self.tools.get(name) is value:
                continue
            try:
                found[name] = to_plain(value)
            except Unencodable:
                pass
        return {"op": "vars", "variables": found}


def stack_depth():
    depth, frame = 0, sys._getframe(1)
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    return depth


def make_tool(name):
    def tool(*args, **kwargs):
        try:
            message = {"op": "tool", "name": name, "args": to_plain(list(args)),
                       "kwargs": to_plain(kwargs)}
        except Unencodable as e:
            raise TypeError(f"cannot pass this argument to tool '{name}': {e}") from None
        reply = call(message)
        if "ok" in reply:
            return from_plain(reply["ok"])
        if reply.get("stop"):
            DRIVER.trip("stopped", "stopped by a tool")
        failure = reply.get("raise") or {}
        cls = getattr(builtins, str(failure.get("type")), None)
        if not (isinstance(cls, type) and issubclass(cls, Exception)):
            cls = RuntimeError
        try:
            exc = cls(*from_plain(failure.get("args") or []))
        except Exception:
            exc = RuntimeError(*(failure.get("args") or []))
        raise exc

    tool.__name__ = tool.__qualname__ = name
    return tool


def describe_traceback(error, lines):
    """(line of the innermost sandboxed frame, CPython-style traceback text without driver
    frames)."""
    import linecache
    import traceback
    linecache.cache[USER_FILE] = (sum(map(len, lines)), None, lines, USER_FILE)
    _strip_driver_frames(error, set())
    lineno = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == USER_FILE:
            lineno = tb.tb_lineno
        tb = tb.tb_next
    try:
        text = "".join(traceback.format_exception(error))
    except BaseException:
        text = f"{type(error).__name__}"
    return lineno, text


def _strip_driver_frames(error, seen):
    if error is None or id(error) in seen:
        return
    seen.add(id(error))
    kept = []
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename != DRIVER_FILE:
            kept.append(tb)
        tb = tb.tb_next
    rebuilt = None
    for tb in reversed(kept):
        rebuilt = type(tb)(rebuilt, tb.tb_frame, tb.tb_lasti, tb.tb_lineno)
    error.__traceback__ = rebuilt
    _strip_driver_frames(error.__cause__, seen)
    _strip_driver_frames(error.__context__, seen)


def main():
    sys.setrecursionlimit(DRIVER_RECURSION)
    ready = {"op": "ready"}
    code = globals().pop("__code", None)      # set by the boot line when it compiled this file
    if code is not None:
        import marshal
        ready["bytecode"] = marshal.dumps(code).hex()
    message = call(ready)
    while True:
        op = message.get("op")
        try:
            if op == "init":
                reply = DRIVER.init(message)
            elif op == "exec":
                reply = DRIVER.execute(message["code"])
            elif op == "vars":
                reply = DRIVER.variables()
            elif op == "exit":
                os._exit(0)        # no interpreter teardown: the host frees the whole instance
            else:
                reply = {"op": "fault", "message": f"unknown command {op!r}"}
        except BaseException as e:     # a driver failure must still answer the host
            reply = {"op": "fault", "message": f"{type(e).__name__}: {e}"}
        reply["seq"] = message.get("seq")
        message = call(reply)


if __name__ == "__main__":       # the guest runs this file as its main program
    EVENTS = sys.monitoring.events
    DRIVER = Driver()
    main()
