"""The `ast` backend: parse, check, compile (cached by source), run under a fresh Meter, and turn
every outcome into a Result or a SafeexecError. Nothing else leaves `run`.
"""
from __future__ import annotations

import ast
import contextlib
import sys
import time
from functools import lru_cache

from ..errors import CodeError, LimitExceeded, ParseError, PolicyViolation, Stop, Violation
from ..hostwarnings import silenced
from ..result import Result
from . import exprs, functions, generators, patterns, stmts  # noqa: F401  (fill the tables)
from .checker import check
from .compiler import Compiler, Unsupported, plain_block
from .calls import host_call
from .guards import NOT_PLAIN, ToolProxy, get_attr, init_internal
from .meter import LimitHit, Meter
from .modules import ImportPolicy, ModuleLoader
from .runtime import Runtime, clear_notes
from .safe_builtins import make_builtins, make_wraps
from .scopes import ScopeError, analyse
from .signals import Refused
from .tracebacks import exception_text, format_traceback, innermost_line

init_internal()

MAX_SOURCE = 2_000_000          # characters; larger sources are refused before parsing
COMPILE_RECURSION = 8000        # recursion limit while compiling nested trees (checker.MAX_NESTING)
FRAMES_PER_CALL = 12            # Python frames one sandboxed call may use (closures + machinery)


class Program:
    """A compiled snippet: the module body and, for REPL semantics, its final expression."""

    __slots__ = ("body", "final", "lines")

    def __init__(self, body, final, lines) -> None:
        self.body = body
        self.final = final
        self.lines = lines

    def run(self, rt: Runtime):
        f = [rt, None]
        rt.meter.tick()
        if self.body is not None:
            self.body(f)
        if self.final is not None:
            return self.final(f)
        return None


def _parse(code: str) -> ast.Module:
    if len(code) > MAX_SOURCE:
        raise PolicyViolation(f"source is too large: {len(code):,} characters (the limit is "
                              f"{MAX_SOURCE:,})")
    try:
        return ast.parse(code, "<code>", "exec")
    except SyntaxError as e:
        raise ParseError(e.msg, lineno=e.lineno, col=e.offset, text=e.text or "") from None
    except (RecursionError, MemoryError):
        raise ParseError("code is nested too deeply to parse", lineno=1, col=1) from None
    except ValueError as e:  # e.g. source code string cannot contain null bytes
        raise ParseError(str(e), lineno=1, col=1) from None


def _compile_errors(code: str) -> None:
    """The errors CPython's compiler finds after parsing ('return' outside function, 'break'
    outside loop, irrefutable patterns, nonlocal without a binding...), with its messages and
    positions: the source is compiled by CPython once (never run) and the code object dropped."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, COMPILE_RECURSION))
    try:
        compile(code, "<code>", "exec", dont_inherit=True)
    except SyntaxError as e:
        raise ParseError(e.msg, lineno=e.lineno, col=e.offset, text=e.text or "") from None
    except (RecursionError, MemoryError, ValueError) as e:
        raise ParseError(f"code cannot be compiled: {type(e).__name__}", lineno=1, col=1) from None
    finally:
        sys.setrecursionlimit(old)


def _read_source(code: str) -> ast.Module:
    with silenced():    # CPython's SyntaxWarnings would reach the host's stderr
        tree = _parse(code)
        _compile_errors(code)   # invalid Python is a ParseError before any policy question
    return tree


@lru_cache(maxsize=512)
def compile_program(code: str, policy_key: tuple) -> Program:
    """Parse, check and compile `code`; cached by (source, import policy)."""
    tree = _read_source(code)
    violations = check(tree, ImportPolicy(policy_key))
    if violations:
        raise PolicyViolation(violations)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, COMPILE_RECURSION))
    try:
        scopes = analyse(tree)
        c = Compiler(scopes, scopes[tree])
        stmts_ = tree.body
        final = None
        if stmts_ and isinstance(stmts_[-1], ast.Expr):
            last = stmts_[-1]
            value = c.expr(last.value)
            line = last.lineno

            def final(f):
                try:
                    return value(f)
                except BaseException as e:
                    from .runtime import note_line
                    note_line(e, line)
                    raise
            stmts_ = stmts_[:-1]
        body = plain_block([c.stmt(s)[0] for s in stmts_], [s.lineno for s in stmts_]) \
            if stmts_ else None
    except ScopeError as e:
        raise ParseError(str(e), lineno=getattr(e.node, "lineno", None),
                         col=getattr(e.node, "col_offset", 0) + 1) from None
    except Unsupported as e:
        raise PolicyViolation([Violation(str(e), getattr(e.node, "lineno", None),
                                         getattr(e.node, "col_offset", None))]) from None
    except RecursionError:
        raise PolicyViolation("code is nested too deeply to compile") from None
    finally:
        sys.setrecursionlimit(old)
    return Program(body, final, code.splitlines())


def _sanitised(exc: Exception) -> Exception:
    """A tool's exception as sandboxed code sees it: same builtin type and message, no traceback,
    no context, no host objects in its args."""
    t = type(exc)
    if t.__module__ == "builtins":
        args = exc.args if all(isinstance(a, (str, int, float, bool, type(None))) for a in exc.args) \
            else (str(exc),)
        try:
            return t(*args)
        except Exception:
            return RuntimeError(str(exc))
    return RuntimeError(f"{t.__name__}: {exc}")


def wrap_tool(name: str, fn, rt: Runtime) -> ToolProxy:
    def call(*args, **kwargs):
        meter = rt.meter
        if meter is None or meter.closed:
            # a generator finalised after its run, or a leaked callback: no tool calls then
            raise LimitHit("time", f"tool {name!r} called after the run ended")
        try:
            return fn(*args, **kwargs)
        except Stop:
            raise
        except Exception as exc:
            raise _sanitised(exc) from None
    return ToolProxy(call, name)


class AstBackend:
    """One sandbox: user globals, builtins and module proxies that persist between runs."""

    def __init__(self, *, allowed_imports, tools, variables, limits) -> None:
        self.limits = limits
        self.policy = ImportPolicy(allowed_imports)
        self.policy_key = tuple(sorted(set(allowed_imports)))
        self.g: dict = {"__name__": "__main__", "__doc__": None}
        self.rt = Runtime(self.g, {}, self._make_loader, None)
        self._stack: contextlib.ExitStack | None = None
        self.rt.b = make_builtins(self.rt)
        self.rt.wraps = make_wraps(self.rt)
        for name, fn in tools.items():
            if not callable(fn):
                raise TypeError(f"tool {name!r} is not callable")
            self.g[name] = wrap_tool(name, fn, self.rt)
        self.g.update(variables)
        self._reserved = {"__name__", "__doc__"}

    def _make_loader(self) -> ModuleLoader:
        """The module loader, built on the first import of the session: its hooks are the
        interpreter's guarded getattr and checked call, its method wraps join the session's, and
        its per-run context (the sandbox's decimal context) is entered for the rest of the run."""
        rt = self.rt
        loader = ModuleLoader(self.policy, lambda: rt.meter,
                              get_attr=lambda o, n: get_attr(o, n, rt.wraps),
                              call=lambda f, a, k: host_call(rt.meter, f, a, k))
        type_wraps = loader.type_wraps()
        rt.wraps.update(type_wraps)
        NOT_PLAIN.update(t for t, _ in type_wraps)
        if self._stack is not None:
            self._stack.enter_context(loader.running())
        return loader

    def _code_error(self, e: BaseException, program: Program, meter: Meter):
        """The CodeError for an uncaught exception. Its text comes from the exception's own
        __str__ -- sandbox code -- so it is computed under the run's meter and guards: whatever
        that code raises (SystemExit, a limit) never reaches the host as such."""
        try:
            tname, message = exception_text(e)
            text = format_traceback(e, program.lines, (tname, message))
        except LimitHit as hit:
            return meter.to_error(hit, innermost_line(e))
        except Refused as r:
            return PolicyViolation(r.message, output=meter.text(), lineno=innermost_line(e))
        except BaseException:  # noqa: B036 - sandbox code chose what to raise
            tname = type.__getattribute__(type(e), "__name__")
            message = "<exception str() failed>"
            text = format_traceback(e, program.lines, (tname, message))
        return CodeError(type.__getattribute__(type(e), "__name__"), message,
                         lineno=innermost_line(e), traceback=text, output=meter.text())

    @property
    def variables(self) -> dict:
        return {k: v for k, v in self.g.items()
                if k not in self._reserved and not isinstance(v, ToolProxy)}

    def close(self) -> None:
        # break the session's reference cycles (runtime <-> builtins, wraps, tools, loader) so
        # refcounting frees it at once instead of leaving work for the cyclic GC
        self.g.clear()
        rt = self.rt
        if isinstance(rt.b, dict):
            rt.b.clear()
        rt.b = {}
        rt.wraps = None
        rt._loader = None
        rt.make_loader = None

    def run(self, code: str) -> Result:
        started = time.perf_counter()
        meter = Meter(self.limits)
        self.rt.meter = meter
        program = compile_program(code, self.policy_key)
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old_limit, 1200 + self.limits.max_depth * FRAMES_PER_CALL))
        self._stack = stack = contextlib.ExitStack()
        if self.rt._loader is not None:
            stack.enter_context(self.rt._loader.running())
        try:
            with stack:
                value = program.run(self.rt)
        except Stop as stop:
            return Result(stop.value, meter.text(), meter.ops, time.perf_counter() - started,
                          stopped=True)
        except LimitHit as hit:
            raise meter.to_error(hit, innermost_line(hit)) from None
        except Refused as r:
            raise PolicyViolation(r.message, output=meter.text(), lineno=innermost_line(r)) from None
        except RecursionError as e:
            raise LimitExceeded("depth", "recursion too deep for the host interpreter",
                                output=meter.text(), lineno=innermost_line(e)) from None
        except MemoryError as e:
            raise LimitExceeded("memory", "the host ran out of memory for this run",
                                output=meter.text(), lineno=innermost_line(e)) from None
        except BaseException as e:
            err = self._code_error(e, program, meter)
            clear_notes(e)
            raise err from None
        finally:
            self._stack = None
            sys.setrecursionlimit(old_limit)
            meter.close()
        return Result(value, meter.text(), meter.ops, time.perf_counter() - started)
