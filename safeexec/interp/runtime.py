"""Run-time support shared by compiled closures: sentinels, the per-session Runtime, traceback
notes, sandbox function objects and argument binding with CPython's messages.

Frames are plain lists: frame[0] is the Runtime, frame[1] the return value (or a class body's
namespace), then the scope's slots (scopes.FIRST_SLOT onwards).
"""
from __future__ import annotations

import types

from .guards import Cell
from .isolate import rebuilt
from .meter import LimitHit
from .templates import BoundedCache, compile_template


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
    as a sort key) whose body is the compiled closure `spec.body`: the generated wrapper, or for
    a generator function one that binds the arguments itself and returns the generator."""
    if not spec.is_generator:
        return _finish(native_wrapper(spec, rt, defaults, kwdefaults, cells, local_cells), spec)
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
    return _finish(fn, spec)


def _finish(fn, spec: FunctionSpec):
    """Rebuild the wrapper over an empty namespace: it reaches everything through its closure, so
    even a route to __globals__ would find nothing of the interpreter's."""
    new = rebuilt(fn, {"__builtins__": {}}, spec.name)
    new.__qualname__ = spec.qualname
    new.__doc__ = spec.doc
    new.__module__ = "__main__"
    new.__sandboxed__ = True
    return new


# -- wrappers with the function's own signature ---------------------------------------------------
# CPython binds the arguments itself (no *args/**kwargs packing, its own TypeError messages) and
# the frame list is one literal. The source is generated from the parameter names only (they are
# identifiers: the parser made them) and compiled once per signature shape. The wrapper's own
# names carry a prefix no parameter starts with.


def native_wrapper(spec: FunctionSpec, rt: Runtime, defaults: tuple, kwdefaults: dict,
                   cells: tuple, local_cells: tuple):
    """The non-generator wrapper for `spec`."""
    sig = spec.sig
    names = sig.positional + ([sig.vararg] if sig.vararg else []) + sig.kwonly + \
        ([sig.kwarg] if sig.kwarg else [])
    prefix = "_sx_"
    while any(n.startswith(prefix) for n in names):
        prefix = "_" + prefix
    key = (prefix, tuple(sig.posonly), tuple(sig.positional), sig.vararg, tuple(sig.kwonly), sig.kwarg,
           len(defaults), tuple(k for k in sig.kwonly if k in kwdefaults), spec.nslots,
           len(cells), tuple(spec.cell_params), tuple(local_cells), spec.expr_body is not None)
    factory = _FACTORIES.get(key)
    if factory is None:
        factory = _FACTORIES[key] = _make_factory(*key)
    body = spec.expr_body if spec.expr_body is not None else spec.body
    return factory(rt, body, cells, defaults, kwdefaults, UNBOUND, Cell, _depth_exceeded,
                   note_line, push_frame, RETURN, BaseException, spec.expr_line, spec.name)


_FACTORIES = BoundedCache(4096)   # keyed by parameter names, which vary without end


def _depth_exceeded(m) -> None:
    raise LimitHit("depth", f"call depth limit exceeded: more than {m.max_depth} nested calls")


def _make_factory(p, posonly, positional, vararg, kwonly, kwarg, ndefaults, kw_with_default,
                  nslots, ncells, cell_params, local_cells, is_expr):
    params = []
    first_default = len(positional) - ndefaults
    for i, name in enumerate(positional):
        params.append(f"{name}={p}d[{i - first_default}]" if i >= first_default else name)
        if posonly and i == len(posonly) - 1:
            params.append("/")
    if vararg:
        params.append(f"*{vararg}")
    elif kwonly:
        params.append("*")
    for name in kwonly:
        params.append(f"{name}={p}kd[{name!r}]" if name in kw_with_default else name)
    if kwarg:
        params.append(f"**{kwarg}")
    values = list(positional) + ([vararg] if vararg else []) + list(kwonly) + \
        ([kwarg] if kwarg else [])
    slots = []
    for i in range(2, nslots - ncells):
        k = i - 2
        if k < len(values):
            slots.append(f"{p}C({values[k]})" if i in cell_params else values[k])
        else:
            slots.append(f"{p}C({p}U)" if i in local_cells else f"{p}U")
    slots += [f"{p}cells[{i}]" for i in range(ncells)]
    if is_expr:
        run = (f"            return {p}body({p}f)\n"
               f"        except {p}BE as {p}e:\n"
               f"            {p}note({p}e, {p}line)\n")
    else:
        run = (f"            {p}r = {p}body({p}f)\n"
               f"        except {p}BE as {p}e:\n")
    source = (
        f"def {p}factory({p}rt, {p}body, {p}cells, {p}d, {p}kd, {p}U, {p}C, {p}deep, {p}note, "
        f"{p}push, {p}RET, {p}BE, {p}line, {p}name):\n"
        f"    def {p}fn({', '.join(params)}):\n"
        f"        {p}m = {p}rt.meter\n"
        f"        {p}o = {p}m.ops + 1\n"
        f"        {p}m.ops = {p}o\n"
        f"        if {p}o >= {p}m.next_check:\n"
        f"            {p}m.checkpoint()\n"
        f"        {p}k = {p}m.depth\n"
        f"        if {p}k >= {p}m.max_depth:\n"
        f"            {p}deep({p}m)\n"
        f"        {p}m.depth = {p}k + 1\n"
        f"        {p}f = [{p}rt, None, {', '.join(slots)}]\n"
        f"        try:\n"
        f"{run}"
        f"            {p}push({p}e, {p}name)\n"
        f"            raise\n"
        f"        finally:\n"
        f"            {p}m.depth = {p}k\n"
        + ("" if is_expr else f"        return {p}f[1] if {p}r is {p}RET else None\n") +
        f"    return {p}fn\n")
    # named after this file, so a host traceback through a wrapper points here
    return compile_template(source, f"{__file__} (generated wrapper)", {"__builtins__": {}},
                            f"{p}factory")


FUNCTION_TYPES = (types.FunctionType,)
