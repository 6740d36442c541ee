"""Run-time support shared by compiled closures: sentinels, the per-session Runtime, traceback
notes, sandbox function objects and argument binding with CPython's messages.

Frames are plain lists: frame[0] is the Runtime, frame[1] the return value (or a class body's
namespace), then the scope's slots (scopes.FIRST_SLOT onwards).
"""
from __future__ import annotations

import types

from .guards import Cell
from .meter import LimitHit


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


UNBOUND = _Sentinel("<unbound>")
BREAK = _Sentinel("<break>")
CONTINUE = _Sentinel("<continue>")
RETURN = _Sentinel("<return>")


class Runtime:
    """Per-session state reached from frame[0]: the user's globals, the safe builtins, the current
    run's meter, the module loader and the method wraps. Never visible to sandboxed code."""

    __slots__ = ("g", "b", "meter", "_loader", "make_loader", "wraps", "source_lines")

    def __init__(self, g: dict, b: dict, make_loader, wraps) -> None:
        self.g = g
        self.b = b
        self.meter = None
        self._loader = None
        self.make_loader = make_loader   # built on the first import: most runs import nothing
        self.wraps = wraps
        self.source_lines: dict[int, str] = {}

    @property
    def loader(self):
        if self._loader is None:
            self._loader = self.make_loader()
        return self._loader


# -- traceback notes -----------------------------------------------------------------------------
# An exception leaving a statement gets the statement's line (innermost wins); leaving a sandbox
# function it gets a frame entry. Stored in the exception's __dict__ under '_sx_*' names, which the
# attribute guard never lets sandboxed code read.

def note_line(e: BaseException, line: int) -> None:
    try:
        d = e.__dict__
    except AttributeError:
        return
    if "_sx_line" not in d:
        d["_sx_line"] = line


def push_frame(e: BaseException, name: str) -> None:
    try:
        d = e.__dict__
    except AttributeError:
        return
    line = d.pop("_sx_line", None)
    d.setdefault("_sx_tb", []).append((name, line))


def clear_notes(e: BaseException) -> None:
    try:
        d = e.__dict__
    except AttributeError:
        return
    d.pop("_sx_line", None)
    d.pop("_sx_tb", None)


# -- argument binding ------------------------------------------------------------------------------

def _names(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f"{quoted[0]} and {quoted[1]}"
    return ", ".join(quoted[:-1]) + f", and {quoted[-1]}"


class Signature:
    """What a sandbox function accepts; `bind` fills the parameter slots in order."""

    __slots__ = ("qualname", "posonly", "positional", "vararg", "kwonly", "kwarg", "nparams",
                 "simple")

    def __init__(self, qualname: str, posonly: list[str], args: list[str], vararg: str | None,
                 kwonly: list[str], kwarg: str | None) -> None:
        self.qualname = qualname
        self.posonly = posonly
        self.positional = posonly + args
        self.vararg = vararg
        self.kwonly = kwonly
        self.kwarg = kwarg
        self.nparams = len(self.positional) + bool(vararg) + len(kwonly) + bool(kwarg)
        self.simple = not (vararg or kwonly or kwarg)

    def bind(self, args: tuple, kwargs: dict, defaults: tuple, kwdefaults: dict) -> list:
        pos = self.positional
        npos = len(pos)
        nargs = len(args)
        name = self.qualname
        if nargs > npos and not self.vararg:
            self._too_many(nargs, defaults, kwargs)
        values = list(args[:npos])
        values.extend([UNBOUND] * (npos - len(values)))
        extra = {} if self.kwarg else None
        kwvals = {}
        if kwargs:
            posonly = self.posonly
            for key, value in kwargs.items():
                if key in kwvals:
                    raise TypeError(f"{name}() got multiple values for argument '{key}'")
                try:
                    i = pos.index(key)
                except ValueError:
                    i = -1
                if i >= 0 and key not in posonly:
                    if values[i] is not UNBOUND:
                        raise TypeError(f"{name}() got multiple values for argument '{key}'")
                    values[i] = value
                elif key in self.kwonly:
                    kwvals[key] = value
                elif extra is not None:
                    extra[key] = value
                elif i >= 0:
                    raise TypeError(f"{name}() got some positional-only arguments passed as "
                                    f"keyword arguments: '{key}'")
                else:
                    raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
        ndef = len(defaults)
        first_default = npos - ndef
        missing = []
        for i in range(npos):
            if values[i] is UNBOUND:
                if i >= first_default:
                    values[i] = defaults[i - first_default]
                else:
                    missing.append(pos[i])
        if missing:
            s = "s" if len(missing) > 1 else ""
            raise TypeError(f"{name}() missing {len(missing)} required positional argument{s}: "
                            f"{_names(missing)}")
        if self.vararg:
            values.append(tuple(args[npos:]))
        kwmissing = []
        for key in self.kwonly:
            if key in kwvals:
                values.append(kwvals[key])
            elif key in kwdefaults:
                values.append(kwdefaults[key])
            else:
                kwmissing.append(key)
        if kwmissing:
            s = "s" if len(kwmissing) > 1 else ""
            raise TypeError(f"{name}() missing {len(kwmissing)} required keyword-only "
                            f"argument{s}: {_names(kwmissing)}")
        if extra is not None:
            values.append(extra)
        return values

    def _too_many(self, nargs: int, defaults: tuple, kwargs: dict) -> None:
        npos = len(self.positional)
        lo = npos - len(defaults)
        if lo != npos:
            takes = f"from {lo} to {npos} positional arguments"
        else:
            takes = f"{npos} positional argument{'s' if npos != 1 else ''}"
        given_kw = sum(1 for k in kwargs if k in self.kwonly)
        if given_kw:
            given = (f"{nargs} positional argument{'s' if nargs != 1 else ''} (and {given_kw} "
                     f"keyword-only argument{'s' if given_kw != 1 else ''}) were given")
        else:
            given = f"{nargs} {'was' if nargs == 1 else 'were'} given"
        raise TypeError(f"{self.qualname}() takes {takes} but {given}")


# -- sandbox functions ---------------------------------------------------------------------------

class FunctionSpec:
    """Everything compile time knows about a def/lambda; shared by every function object made
    from it."""

    __slots__ = ("name", "qualname", "sig", "nslots", "body", "cell_params", "is_generator",
                 "doc", "nlocals", "expr_body", "expr_line")

    def __init__(self, name, qualname, sig, nslots, body, cell_params, is_generator, doc) -> None:
        self.name = name
        self.qualname = qualname
        self.sig = sig
        self.nslots = nslots
        self.body = body
        self.cell_params = cell_params  # slot indexes of parameters that live in cells
        self.is_generator = is_generator
        self.doc = doc
        # locals after the parameters, before the closure cells
        self.nlocals = 0
        # a body that is one `return <expr>` (or a lambda): evaluated directly, no sentinel
        self.expr_body = None
        self.expr_line = None


def make_function(spec: FunctionSpec, rt: Runtime, defaults: tuple, kwdefaults: dict,
                  cells: tuple, local_cells: tuple):
    """Build a real Python function (so CPython binds it as a method, calls its dunders, uses it
    as a sort key) whose body is the compiled closure `spec.body`."""
    sig = spec.sig
    body = spec.body
    name = spec.name  # tracebacks show the code name, as CPython 3.11 does
    nparams = sig.nparams
    tail = [UNBOUND] * (spec.nslots - 2 - nparams - len(cells))
    cell_params = spec.cell_params
    simple = sig.simple and not defaults
    nsimple = len(sig.positional)

    def frame_for(args, kwargs):
        if simple and not kwargs and len(args) == nsimple:
            f = [rt, None, *args, *tail, *cells]
        else:
            f = [rt, None, *sig.bind(args, kwargs, defaults, kwdefaults), *tail, *cells]
        for i in cell_params:
            f[i] = Cell(f[i])
        for i in local_cells:
            f[i] = Cell(UNBOUND)
        return f

    if spec.is_generator:
        def gen_run(f):
            try:
                r = yield from body(f)
            except BaseException as e:
                push_frame(e, name)
                raise
            if r is RETURN:
                return f[1]

        gen_name, gen_qualname = spec.name, spec.qualname

        def fn(*args, **kwargs):
            m = rt.meter
            m.ops += 1
            if m.ops >= m.next_check:
                m.checkpoint()
            g = gen_run(frame_for(args, kwargs))
            g.__name__ = gen_name
            g.__qualname__ = gen_qualname
            return g
    else:
        fn = _returning(rt, body, frame_for, simple, nsimple, tail, cells, cell_params,
                        local_cells, name, spec.expr_body, spec.expr_line)

    # Rebuilt over an empty namespace: the wrapper reaches everything through its closure, so
    # even a route to __globals__ would find nothing of the interpreter's.
    fn = types.FunctionType(fn.__code__, {"__builtins__": {}}, spec.name, None, fn.__closure__)
    fn.__qualname__ = spec.qualname
    fn.__doc__ = spec.doc
    fn.__module__ = "__main__"
    fn.__defaults__ = None
    fn.__sandboxed__ = True
    return fn


def _returning(rt, body, frame_for, simple, nsimple, tail, cells, cell_params,
               local_cells, name, expr, line):
    """The non-generator call path: a frame per call, the depth counter, and the return slot.
    Only closure variables are used (no globals): make_function rebuilds the wrapper over an
    empty namespace."""
    fast = simple and not cell_params and not local_cells
    len_, LimitHit_, note_line_, push_frame_, RETURN_ = len, LimitHit, note_line, push_frame, RETURN
    BaseException_ = BaseException

    def enter(m, args, kwargs):
        m.ops += 1
        if m.ops >= m.next_check:
            m.checkpoint()
        m.depth += 1
        if m.depth > m.max_depth:
            m.depth -= 1
            raise LimitHit("depth", f"call depth limit exceeded: more than {m.max_depth} "
                                    f"nested calls")
        try:
            return frame_for(args, kwargs)
        except BaseException:
            m.depth -= 1
            raise

    if expr is not None:
        def fn(*args, **kwargs):
            m = rt.meter
            if fast and not kwargs and len_(args) == nsimple and m.depth < m.max_depth:
                m.ops += 1
                if m.ops >= m.next_check:
                    m.checkpoint()
                m.depth += 1
                f = [rt, None, *args, *tail, *cells]
            else:
                f = enter(m, args, kwargs)
            try:
                v = expr(f)
            except BaseException_ as e:
                note_line_(e, line)
                push_frame_(e, name)
                m.depth -= 1
                raise
            m.depth -= 1
            return v
        return fn

    def fn(*args, **kwargs):
        m = rt.meter
        if fast and not kwargs and len_(args) == nsimple and m.depth < m.max_depth:
            m.ops += 1
            if m.ops >= m.next_check:
                m.checkpoint()
            m.depth += 1
            f = [rt, None, *args, *tail, *cells]
        else:
            f = enter(m, args, kwargs)
        try:
            r = body(f)
        except BaseException_ as e:
            push_frame_(e, name)
            m.depth -= 1
            raise
        m.depth -= 1
        return f[1] if r is RETURN_ else None
    return fn


FUNCTION_TYPES = (types.FunctionType,)
