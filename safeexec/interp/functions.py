"""def, lambda, class and comprehensions: the handlers that create new scopes.

Sandbox functions are real Python functions (runtime.make_function) so CPython can bind them as
methods and call user dunders; sandbox classes are made by their real metaclass and registered as
sandbox-owned (guards.register_sandbox_class)."""
from __future__ import annotations

import ast
import types

from . import calls
from .compiler import EXPR, STMT, Compiler, Unsupported
from .exprs import _elements
from .guards import SANDBOX_MARK, SANDBOX_TOKEN, Cell, is_sandbox_class, register_sandbox_class
from .runtime import RETURN, UNBOUND, FunctionSpec, Signature, make_function, note_line
from .signals import Refused
from .targets import store_target
from .templates import BoundedCache, compile_template


def _docstring(body) -> str | None:
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        return body[0].value.value
    return None


def _free_sources(c: Compiler, scope) -> list[int]:
    return [c.scope.slots[name] for name in scope.frees]


def _guard_returns(stmts) -> bool:
    """A body of `if <test>: return <x>` guards ending in `return <y>` (fib, gcd, factorial):
    it evaluates as one expression, without statement closures or the return sentinel."""
    if not stmts or not isinstance(stmts[-1], ast.Return) or stmts[-1].value is None:
        return False
    return all(isinstance(s, ast.If) and not s.orelse and len(s.body) == 1
               and isinstance(s.body[0], ast.Return) for s in stmts[:-1])


def _guarded_expression(sub: Compiler, stmts):
    """The closure for a _guard_returns body; each failing part notes its own line."""
    none = lambda f: None  # noqa: E731
    guards = tuple((sub.expr(s.test), s.lineno,
                    sub.expr(s.body[0].value) if s.body[0].value is not None else none,
                    s.body[0].lineno) for s in stmts[:-1])
    final, final_line = sub.expr(stmts[-1].value), stmts[-1].lineno
    if len(guards) == 1:
        ((test, tline, value, vline),) = guards

        def one_guard(f):
            try:
                hit = test(f)
            except BaseException as e:
                note_line(e, tline)
                raise
            if hit:
                try:
                    return value(f)
                except BaseException as e:
                    note_line(e, vline)
                    raise
            return final(f)  # the caller notes final_line
        return one_guard

    def guarded(f):
        for test, tline, value, vline in guards:
            try:
                hit = test(f)
            except BaseException as e:
                note_line(e, tline)
                raise
            if hit:
                try:
                    return value(f)
                except BaseException as e:
                    note_line(e, vline)
                    raise
        return final(f)
    del final_line
    return guarded


def _ends_in_return(stmts) -> bool:
    """Statements ending in `return <expr>` (most function bodies): the value is returned
    directly, the return sentinel only kept for a `return` nested in the statements before."""
    return len(stmts) >= 2 and isinstance(stmts[-1], ast.Return) and stmts[-1].value is not None


def _prefixed_expression(sub: Compiler, stmts):
    prefix = sub.body(stmts[:-1])
    final = sub.expr(stmts[-1].value)

    def prefixed(f):
        r = prefix(f)
        if r is not None:       # a nested `return` (break/continue cannot leave a function)
            return f[1] if r is RETURN else None
        return final(f)  # the caller notes the final line
    return prefixed


def compile_function(c: Compiler, node, name: str, is_lambda: bool):
    """Return a closure `(frame) -> function` (decorators not applied)."""
    scope = c.scopes[node]
    qual = f"{c.qualname}{name}"
    sub = Compiler(c.scopes, scope, qualname=qual + ".<locals>.", class_name=c.class_name)
    expr_body = expr_line = None
    if is_lambda:
        if scope.is_generator:
            raise Unsupported("'yield' inside a lambda is not supported", node)
        expr_body, expr_line = sub.expr(node.body), node.lineno
        body = None
        doc = None
    else:
        doc = _docstring(node.body)
        stmts = node.body[1:] if doc is not None else node.body
        if not scope.is_generator and _guard_returns(stmts):
            expr_body, expr_line = _guarded_expression(sub, stmts), stmts[-1].lineno
            body = None
        elif not scope.is_generator and _ends_in_return(stmts):
            expr_body, expr_line = _prefixed_expression(sub, stmts), stmts[-1].lineno
            body = None
        else:
            closure, is_gen = sub.block(node.body)
            if scope.is_generator and not is_gen:
                plain = closure

                def closure(f):
                    return plain(f)
                    yield  # noqa: unreachable - makes this a generator
            body = closure
    a = node.args
    sig = Signature(qual, [x.arg for x in a.posonlyargs], [x.arg for x in a.args],
                    a.vararg.arg if a.vararg else None, [x.arg for x in a.kwonlyargs],
                    a.kwarg.arg if a.kwarg else None)
    cell_params = tuple(scope.slots[p] for p in scope.params if p in scope.cells)
    spec = FunctionSpec(name, qual, sig, scope.nslots(), body, cell_params,
                        scope.is_generator, doc)
    spec.expr_body, spec.expr_line = expr_body, expr_line
    local_cells = sub.local_cell_slots()
    free_src = _free_sources(c, scope)
    defaults = [c.expr(d) for d in a.defaults]
    kwdefaults = [(k.arg, c.expr(d)) for k, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]

    def make(f):
        dv = tuple([d(f) for d in defaults])
        kwd = {k: v(f) for k, v in kwdefaults}
        cells = tuple([f[i] for i in free_src])
        return make_function(spec, f[0], dv, kwd, cells, local_cells)
    return make


def c_FunctionDef(c: Compiler, node: ast.FunctionDef):
    decorators = [c.expr(d) for d in node.decorator_list]
    make = compile_function(c, node, node.name, False)
    store = c.store_name(node.name)

    def define(f):
        decs = [d(f) for d in decorators]
        fn = make(f)
        for d in reversed(decs):
            fn = d(fn)
        store(f, fn)
    return define


def c_AsyncFunctionDef(c: Compiler, node):
    raise Unsupported("async functions are not supported in the sandbox", node)


def c_Lambda(c: Compiler, node: ast.Lambda):
    return compile_function(c, node, "<lambda>", True)


_ALLOWED_HOST_METACLASSES: tuple = ()
# Host metaclasses that only build ordinary classes from the sandbox's namespace (no evaluation of
# annotations, no host-side registration): by qualified name, so typing need not be imported.
_ALLOWED_METACLASS_NAMES = frozenset({"typing.NamedTupleMeta", "typing._TypedDictMeta"})


def _check_metaclass(meta) -> None:
    global _ALLOWED_HOST_METACLASSES
    if not _ALLOWED_HOST_METACLASSES:
        import abc
        import enum
        _ALLOWED_HOST_METACLASSES = (abc.ABCMeta, enum.EnumMeta)
    if meta is type or is_sandbox_class(meta):
        return
    from . import module_wraps
    if module_wraps.is_mirror_metaclass(meta):
        return
    if isinstance(meta, type) and (issubclass(meta, _ALLOWED_HOST_METACLASSES) or
                                   f"{meta.__module__}.{meta.__qualname__}" in
                                   _ALLOWED_METACLASS_NAMES):
        return
    raise Refused(f"metaclass {getattr(meta, '__name__', meta)!r} is not allowed; use a class "
                  f"defined in the sandbox, abc.ABCMeta or enum's metaclass")


def c_ClassDef(c: Compiler, node: ast.ClassDef):
    scope = c.scopes[node]
    qual = f"{c.qualname}{node.name}"
    sub = Compiler(c.scopes, scope, qualname=qual + ".", class_name=node.name)
    body = sub.body(node.body)
    doc = _docstring(node.body)
    has_annotations = any(isinstance(s, ast.AnnAssign) for s in node.body)
    bases = _elements(c, node.bases)
    kws = [(k.arg, c.expr(k.value)) for k in node.keywords]
    if any(k is None for k, _ in kws):
        raise Unsupported("**kwargs in a class definition is not supported", node)
    decorators = [c.expr(d) for d in node.decorator_list]
    free_src = _free_sources(c, scope)
    class_slot = scope.slots.get("__class__") if scope.needs_class_cell else None
    store = c.store_name(node.name)
    name = node.name

    def define(f):
        decs = [d(f) for d in decorators]
        orig = tuple(bases(f))
        kw = {k: v(f) for k, v in kws}
        if "metaclass" in kw:
            _check_metaclass(kw["metaclass"])
        resolved = types.resolve_bases(orig)
        meta, ns, kwds = types.prepare_class(name, resolved, kw)
        _check_metaclass(meta)
        ns["__module__"] = "__main__"
        ns["__qualname__"] = qual
        ns[SANDBOX_MARK] = SANDBOX_TOKEN  # before creation: EnumMeta builds members in meta()
        if doc is not None:
            ns["__doc__"] = doc
        if has_annotations:
            ns["__annotations__"] = {}
        cf = [f[0], ns, *[f[i] for i in free_src]]
        if class_slot is not None:
            cf.append(Cell(UNBOUND))
        m = f[0].meter
        m.tick()
        body(cf)
        if resolved is not orig:
            ns["__orig_bases__"] = orig
        cls = meta(name, resolved, ns, **kwds)
        register_sandbox_class(cls)
        if class_slot is not None:
            cf[class_slot].v = cls
        for d in reversed(decs):
            cls = d(cls)
        store(f, cls)
    return define


# -- comprehensions ------------------------------------------------------------------------------

def _comprehension(c: Compiler, node, kind: str):
    scope = c.scopes[node]
    sub = Compiler(c.scopes, scope, qualname=c.qualname + "<locals>.", class_name=c.class_name)
    first_iter = c.expr(node.generators[0].iter)
    levels = []
    for i, g in enumerate(node.generators):
        if g.is_async:
            raise Unsupported("async comprehensions are not supported", node)
        levels.append((store_target(sub, g.target), sub.expr(g.iter) if i else None,
                       [sub.expr(x) for x in g.ifs]))
    key = value = elt = None
    if kind == "dict":
        key, value = sub.expr(node.key), sub.expr(node.value)
    else:
        elt = sub.expr(node.elt)
    nslots = scope.nslots()
    free_src = _free_sources(c, scope)
    local_cells = sub.local_cell_slots()
    ncells = len(free_src)
    tail = [UNBOUND] * (nslots - 3 - ncells)

    def frame(f, it):
        cf = [f[0], None, it, *tail, *[f[i] for i in free_src]]
        for i in local_cells:
            cf[i] = Cell(UNBOUND)
        return cf

    if kind == "gen":
        def make_gen(level):
            store, iter_expr, conds = levels[level]
            last = level == len(levels) - 1
            inner = None if last else make_gen(level + 1)

            def gen(cf, it):
                m = cf[0].meter
                for x in it:
                    m.ops += 1
                    if m.ops >= m.next_check:
                        m.checkpoint()
                    store(cf, x)
                    for cond in conds:
                        if not cond(cf):
                            break
                    else:
                        if last:
                            yield elt(cf)
                        else:
                            yield from inner(cf, iter(levels[level + 1][1](cf)))
            calls.SELF_METERED.add(gen.__code__)
            return gen
        top = _flat_loop(sub, node, kind, levels, key, value, elt) or make_gen(0)

        def genexp(f):
            it = iter(first_iter(f))
            g = top(frame(f, it), it)
            g.__name__ = g.__qualname__ = "<genexpr>"
            return g
        return genexp

    def make_loop(level):
        store, iter_expr, conds = levels[level]
        last = level == len(levels) - 1
        inner = None if last else make_loop(level + 1)

        def loop(cf, it, out):
            m = cf[0].meter
            for x in it:
                m.ops += 1
                if m.ops >= m.next_check:
                    m.checkpoint()
                store(cf, x)
                for cond in conds:
                    if not cond(cf):
                        break
                else:
                    if not last:
                        inner(cf, iter(levels[level + 1][1](cf)), out)
                    elif kind == "list":
                        out.append(elt(cf))
                    elif kind == "set":
                        out.add(elt(cf))
                    else:
                        out[key(cf)] = value(cf)
        return loop
    top_loop = _flat_loop(sub, node, kind, levels, key, value, elt) or make_loop(0)
    factory = {"list": list, "set": set, "dict": dict}[kind]

    def comp(f):
        it = iter(first_iter(f))
        out = factory()
        top_loop(frame(f, it), it, out)
        return out
    return comp


_FLAT_LOOPS = BoundedCache(1024)   # keyed by slot numbers


def _flat_loop(sub: Compiler, node, kind: str, levels, key, value, elt):
    """The loop of a one-level comprehension or generator expression over plain local names
    with at most one `if` (`[x * 2 for x in xs if x]`), written out for its kind: the item stored in its slot, the
    condition and the element read without the generic loop's dispatch. None otherwise."""
    gen = node.generators[0]
    if len(levels) != 1 or len(gen.ifs) > 1:
        return None
    names = [gen.target] if isinstance(gen.target, ast.Name) else \
        gen.target.elts if isinstance(gen.target, ast.Tuple) else []
    if not names or not all(isinstance(n, ast.Name) for n in names):
        return None
    resolved = [sub.scope.resolve(n.id) for n in names]
    if any(k != "local" for k, _ in resolved):
        return None
    # `i, s = x` unpacked by CPython itself: its messages, and at most len+1 items read
    slots = tuple(slot for _, slot in resolved)
    store = ", ".join(f"cf[{slot}]" for slot in slots) + \
        ("," if isinstance(gen.target, ast.Tuple) and len(slots) == 1 else "")
    shape = (kind, len(gen.ifs), store)
    make = _FLAT_LOOPS.get(shape)
    if make is None:
        add = {"list": "append(elt(cf))", "set": "add(elt(cf))", "gen": "yield elt(cf)",
               "dict": "out.__setitem__(key(cf), value(cf))"}[kind]
        test = "            if not cond(cf):\n                continue\n" if gen.ifs else ""
        src = ("def make(cond, elt, key, value):\n"
               f"    def loop(cf, it{'' if kind == 'gen' else ', out'}):\n"
               "        m = cf[0].meter\n"
               f"        {'append = out.append' if kind == 'list' else 'add = out.add' if kind == 'set' else 'pass'}\n"
               "        for x in it:\n"
               "            m.ops += 1\n"
               "            if m.ops >= m.next_check:\n"
               "                m.checkpoint()\n"
               f"            {store} = x\n"
               f"{test}"
               f"            {add}\n"
               "    return loop\n")
        make = _FLAT_LOOPS[shape] = compile_template(
            src, f"<comprehension loop {kind}{len(gen.ifs)}>", {})
        if kind == "gen":   # a generator expression ticks once per item itself
            calls.SELF_METERED.add(make(None, None, None, None).__code__)
    return make(levels[0][2][0] if gen.ifs else None, elt, key, value)


def c_ListComp(c, node):
    return _comprehension(c, node, "list")


def c_SetComp(c, node):
    return _comprehension(c, node, "set")


def c_DictComp(c, node):
    return _comprehension(c, node, "dict")


def c_GeneratorExp(c, node):
    return _comprehension(c, node, "gen")


EXPR[ast.Lambda] = c_Lambda
EXPR[ast.ListComp] = c_ListComp
EXPR[ast.SetComp] = c_SetComp
EXPR[ast.DictComp] = c_DictComp
EXPR[ast.GeneratorExp] = c_GeneratorExp
STMT[ast.FunctionDef] = c_FunctionDef
STMT[ast.AsyncFunctionDef] = c_AsyncFunctionDef
STMT[ast.ClassDef] = c_ClassDef
