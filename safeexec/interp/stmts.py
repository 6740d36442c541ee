"""Statement handlers: one per ast node class, each returning `(frame) -> None | BREAK | CONTINUE
| RETURN`. Sandboxed `except` never sees signals.UNCATCHABLE; `finally` blocks and `__exit__` are
skipped for them, so a limit, a refusal or a Stop can never be swallowed or resumed."""
from __future__ import annotations

import ast

from . import exprs, policy, shapes
from .compiler import STMT, Compiler, Unsupported
from .errors_map import to_refused
from .guards import get_attr, get_attr_plain, is_plain_name, set_attr, set_attr_plain
from .runtime import BREAK, CONTINUE, RETURN, UNBOUND, clear_notes
from .signals import UNCATCHABLE
from .targets import delete_target, store_target


def c_Expr(c: Compiler, node: ast.Expr):
    value = c.expr(node.value)

    def expr_stmt(f):
        value(f)
    return expr_stmt


def c_Pass(c: Compiler, node):
    return lambda f: None


def c_Break(c: Compiler, node):
    return lambda f: BREAK


def c_Continue(c: Compiler, node):
    return lambda f: CONTINUE


def c_Return(c: Compiler, node: ast.Return):
    if node.value is None:
        def return_none(f):
            f[1] = None
            return RETURN
        return return_none
    value = c.expr(node.value)

    def return_(f):
        f[1] = value(f)
        return RETURN
    return return_


def c_Assign(c: Compiler, node: ast.Assign):
    if len(node.targets) == 1:
        t = node.targets[0]
        if isinstance(t, ast.Subscript):
            return shapes.specialised_statement(c, "setitem", t.value, t.slice, node.value)
        if isinstance(t, ast.Attribute) and is_plain_name(c.mangle(t.attr)):
            return shapes.specialised_statement(c, "setattr", t.value,
                                                ast.Constant(c.mangle(t.attr)), node.value)
    value = c.expr(node.value)
    stores = [store_target(c, t) for t in node.targets]
    if len(stores) == 1:
        (store,) = stores
        t = node.targets[0]
        if isinstance(t, ast.Name):
            kind, slot = c.scope.resolve(t.id)
            if kind == "local":
                def assign_local(f):
                    f[slot] = value(f)
                return assign_local

        def assign(f):
            store(f, value(f))
        return assign

    def assign_many(f):
        v = value(f)
        for s in stores:
            s(f, v)
    return assign_many


def c_AugAssign(c: Compiler, node: ast.AugAssign):
    """`t op= v`: the target's container and index are evaluated once, then the value."""
    t = node.target
    apply = exprs.inplace_apply(type(node.op))
    if isinstance(t, ast.Name) and isinstance(node.op, ast.Add):
        kind, slot = c.scope.resolve(t.id)
        if kind in ("global", "local"):   # `total += i`: int + int inline, else `apply`
            target = (slot if kind == "local" else t.id, t.id)
            return shapes.specialised_statement(c, f"iadd_{kind}", v=node.value, target=target,
                                                apply=apply)
    rhs = c.expr(node.value)
    if isinstance(t, ast.Name):
        load = c.load_name(t.id)
        store = c.store_name(t.id)
        kind, slot = c.scope.resolve(t.id)
        name = t.id
        if kind == "global":
            def aug_global(f):
                rt = f[0]
                g = rt.g
                cur = g[name] if name in g else load(f)
                g[name] = apply(rt.meter, cur, rhs(f))
            return aug_global
        if kind == "local":
            def aug_local(f):
                cur = f[slot]
                if cur is UNBOUND:
                    cur = load(f)  # raises UnboundLocalError with CPython's message
                f[slot] = apply(f[0].meter, cur, rhs(f))
            return aug_local

        def aug_name(f):
            store(f, apply(f[0].meter, load(f), rhs(f)))
        return aug_name
    if isinstance(t, ast.Attribute):
        obj = c.expr(t.value)
        name = c.mangle(t.attr)

        plain = is_plain_name(name)
        read = get_attr_plain if plain else get_attr
        write = set_attr_plain if plain else set_attr

        def aug_attr(f):
            o = obj(f)
            cur = read(o, name, f[0].wraps)
            write(o, name, apply(f[0].meter, cur, rhs(f)))
        return aug_attr
    if isinstance(t, ast.Subscript):
        obj = c.expr(t.value)
        index = c.expr(t.slice)

        def aug_item(f):
            o = obj(f)
            k = index(f)
            o[k] = apply(f[0].meter, o[k], rhs(f))
        return aug_item
    raise Unsupported("illegal expression for augmented assignment", node)


def c_AnnAssign(c: Compiler, node: ast.AnnAssign):
    in_class = c.scope.kind == "class" and isinstance(node.target, ast.Name) and node.simple
    annotation = c.expr(node.annotation) if in_class else None
    name = node.target.id if in_class else None
    if node.value is None:
        if in_class:
            def annotate(f):
                f[1]["__annotations__"][name] = annotation(f)
            return annotate
        return lambda f: None
    value = c.expr(node.value)
    store = store_target(c, node.target)

    def ann_assign(f):
        store(f, value(f))
        if annotation is not None:
            f[1]["__annotations__"][name] = annotation(f)
    return ann_assign


def c_Delete(c: Compiler, node: ast.Delete):
    dels = [delete_target(c, t) for t in node.targets]

    def delete(f):
        for d in dels:
            d(f)
    return delete


def c_If(c: Compiler, node: ast.If):
    test = c.expr(node.test)
    body = c.body(node.body)
    if not node.orelse:
        def if_(f):
            if test(f):
                return body(f)
        return if_
    orelse = c.body(node.orelse)

    def if_else(f):
        if test(f):
            return body(f)
        return orelse(f)
    return if_else


def c_For(c: Compiler, node: ast.For):
    iterable = c.expr(node.iter)
    store = store_target(c, node.target)
    body = c.body(node.body)
    orelse = c.body(node.orelse) if node.orelse else None
    slot = gname = None
    if isinstance(node.target, ast.Name):
        kind, s = c.scope.resolve(node.target.id)
        if kind == "local":
            slot = s
        elif kind == "global":
            gname = node.target.id

    def for_(f):
        m = f[0].meter
        g = f[0].g
        for x in iterable(f):
            m.ops += 1
            if m.ops >= m.next_check:
                m.checkpoint()
            if slot is not None:
                f[slot] = x
            elif gname is not None:
                g[gname] = x
            else:
                store(f, x)
            r = body(f)
            if r is not None:
                if r is BREAK:
                    return None
                if r is CONTINUE:
                    continue
                return r
        if orelse is not None:
            return orelse(f)
        return None
    return for_


def c_While(c: Compiler, node: ast.While):
    test = c.expr(node.test)
    body = c.body(node.body)
    orelse = c.body(node.orelse) if node.orelse else None

    def while_(f):
        m = f[0].meter
        while test(f):
            m.ops += 1
            if m.ops >= m.next_check:
                m.checkpoint()
            r = body(f)
            if r is not None:
                if r is BREAK:
                    return None
                if r is CONTINUE:
                    continue
                return r
        if orelse is not None:
            return orelse(f)
        return None
    return while_


def handler_parts(c: Compiler, h: ast.ExceptHandler):
    kind = c.expr(h.type) if h.type is not None else None
    store = c.store_name(h.name) if h.name else None
    unbind = None
    if h.name:
        k, slot = c.scope.resolve(h.name)
        delete = c.del_name(h.name)

        def unbind(f):
            try:
                delete(f)
            except NameError:
                pass
    return kind, store, unbind


# The builtin exception classes: an `except` clause naming one needs no further check.
BUILTIN_EXCEPTIONS = frozenset(policy.BUILTIN_EXCEPTIONS.values())


def check_except_type(t):
    if type(t) is type and t in BUILTIN_EXCEPTIONS:
        return t
    if isinstance(t, type) and issubclass(t, BaseException):
        return t
    if isinstance(t, tuple) and all(isinstance(x, type) and issubclass(x, BaseException) for x in t):
        return t
    raise TypeError("catching classes that do not inherit from BaseException is not allowed")


def c_Try(c: Compiler, node: ast.Try):
    body = c.body(node.body)
    handlers = [(handler_parts(c, h), c.body(h.body)) for h in node.handlers]
    orelse = c.body(node.orelse) if node.orelse else None
    final = c.body(node.finalbody) if node.finalbody else None

    def try_except(f):
        try:
            r = body(f)
        except UNCATCHABLE:
            raise
        except BaseException as e:
            for (kind, store, unbind), hbody in handlers:
                if kind is None or isinstance(e, check_except_type(kind(f))):
                    clear_notes(e)
                    if store is not None:
                        store(f, e)
                        try:
                            return hbody(f)
                        finally:
                            unbind(f)
                    return hbody(f)
            raise
        if r is not None:
            return r  # return/break/continue in the body skip the else clause
        if orelse is not None:
            return orelse(f)
        return None

    inner = try_except if handlers or orelse is not None else body
    if final is None:
        return inner

    def try_finally(f):
        try:
            r = inner(f)
        except UNCATCHABLE:
            raise
        except BaseException:
            rf = final(f)
            if rf is not None:
                return rf
            raise
        rf = final(f)
        return rf if rf is not None else r
    return try_finally


def c_TryStar(c: Compiler, node):
    body = c.body(node.body)
    handlers = [(handler_parts(c, h), c.body(h.body)) for h in node.handlers]
    orelse = c.body(node.orelse) if node.orelse else None
    final = c.body(node.finalbody) if node.finalbody else None

    def try_star(f):
        try:
            r = body(f)
        except UNCATCHABLE:
            raise
        except BaseException as e:
            rest = e if isinstance(e, BaseExceptionGroup) else BaseExceptionGroup("", [e])
            raised = []
            for (kind, store, unbind), hbody in handlers:
                if rest is None:
                    break
                t = check_except_type(kind(f))
                if (isinstance(t, type) and issubclass(t, BaseExceptionGroup)) or \
                        (isinstance(t, tuple) and any(issubclass(x, BaseExceptionGroup) for x in t)):
                    raise TypeError("catching ExceptionGroup with except* is not allowed. "
                                    "Use except instead.")
                match, rest = rest.split(t)
                if match is None:
                    continue
                clear_notes(match)
                if store is not None:
                    store(f, match)
                try:
                    hr = hbody(f)
                    if hr is not None:
                        raise SyntaxError("'break', 'continue' and 'return' cannot appear in an "
                                          "except* block")
                except UNCATCHABLE:
                    raise
                except BaseException as new:
                    if new is not match:
                        raised.append(new)
                    else:
                        raised.append(match)
                finally:
                    if unbind is not None:
                        unbind(f)
            excs = raised + ([rest] if rest is not None else [])
            if not excs:
                return None
            if len(excs) == 1 and rest is not None and not raised:
                if rest is e or (not isinstance(e, BaseExceptionGroup)):
                    raise e
                raise rest
            if not raised and rest is not None:
                raise rest
            raise BaseExceptionGroup("", excs) if len(excs) > 1 else excs[0]
        if r is not None:
            return r
        if orelse is not None:
            return orelse(f)
        return None

    if final is None:
        return try_star

    def try_finally(f):
        try:
            r = try_star(f)
        except UNCATCHABLE:
            raise
        except BaseException:
            rf = final(f)
            if rf is not None:
                return rf
            raise
        rf = final(f)
        return rf if rf is not None else r
    return try_finally


def c_Raise(c: Compiler, node: ast.Raise):
    if node.exc is None:
        def reraise(f):
            raise
        return reraise
    exc = c.expr(node.exc)
    if node.cause is None:
        def raise_(f):
            e = exc(f)
            _check_raisable(e)
            raise e
        return raise_
    cause = c.expr(node.cause)

    def raise_from(f):
        e = exc(f)
        _check_raisable(e)
        ca = cause(f)
        raise e from ca
    return raise_from


def _check_raisable(e) -> None:
    if isinstance(e, UNCATCHABLE) or (isinstance(e, type) and issubclass(e, UNCATCHABLE)):
        raise TypeError("exceptions must derive from BaseException")


def c_Assert(c: Compiler, node: ast.Assert):
    test = c.expr(node.test)
    msg = c.expr(node.msg) if node.msg is not None else None

    def assert_(f):
        if not test(f):
            if msg is None:
                raise AssertionError
            raise AssertionError(msg(f))
    return assert_


def enter_context(mgr):
    t = type(mgr)
    enter = getattr(t, "__enter__", None)
    exit_ = getattr(t, "__exit__", None)
    if enter is None:
        raise TypeError(f"'{t.__name__}' object does not support the context manager protocol")
    if exit_ is None:
        raise TypeError(f"'{t.__name__}' object does not support the context manager protocol "
                        f"(missed __exit__ method)")
    return enter(mgr), exit_


class TracebackStandIn:
    """What a sandbox `__exit__` receives for `tb`: not None (code tests `tb is None`), and
    leading nowhere. A real traceback leads to frames; every tb_* name is refused anyway."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<traceback object at {id(self):#x}>"


_TRACEBACK = TracebackStandIn()


def exit_traceback(exit_, e):
    """The traceback handed to `__exit__`: the stand-in for a sandbox-defined one, the real one
    for host code (contextlib re-raises with it)."""
    if getattr(exit_, "__sandboxed__", False) is True:
        return None if e.__traceback__ is None else _TRACEBACK
    return e.__traceback__


def c_With(c: Compiler, node: ast.With):
    body = c.body(node.body)
    for item in reversed(node.items):
        body = _with_item(c, item, body)
    return body


def _with_item(c: Compiler, item: ast.withitem, body):
    ctx = c.expr(item.context_expr)
    store = store_target(c, item.optional_vars) if item.optional_vars is not None else None

    def with_(f):
        mgr = ctx(f)
        value, exit_ = enter_context(mgr)
        if store is not None:
            store(f, value)
        try:
            r = body(f)
        except UNCATCHABLE:
            raise
        except BaseException as e:
            if not exit_(mgr, type(e), e, exit_traceback(exit_, e)):
                raise
            return None
        exit_(mgr, None, None, None)
        return r
    return with_


def c_Global(c: Compiler, node):
    return lambda f: None


c_Nonlocal = c_Global


def c_Import(c: Compiler, node: ast.Import):
    binds = []
    for alias in node.names:
        if alias.asname:
            binds.append((alias.name, True, c.store_name(alias.asname)))
        else:
            binds.append((alias.name, False, c.store_name(alias.name.split(".")[0])))

    def import_(f):
        loader = f[0].loader
        for name, as_, store in binds:
            with to_refused():
                value = loader.load(name) if as_ else loader.import_module_binding(name)
            store(f, value)
    return import_


def c_ImportFrom(c: Compiler, node: ast.ImportFrom):
    if node.level:
        raise Unsupported("relative imports are not supported in the sandbox", node)
    module = node.module
    if any(a.name == "*" for a in node.names):
        if c.scope.kind != "module":
            raise Unsupported("import * only allowed at module level", node)

        def import_star(f):
            with to_refused():
                proxy = f[0].loader.load(module)
            for name, value in proxy._attrs.items():
                f[0].g[name] = value
        return import_star
    binds = [(a.name, c.store_name(a.asname or a.name)) for a in node.names]

    def import_from(f):
        loader = f[0].loader
        with to_refused():
            proxy = loader.load(module)
            values = [(store, loader.from_import(proxy, name)) for name, store in binds]
        for store, value in values:
            store(f, value)
    return import_from


for _name, _fn in list(globals().items()):
    if _name.startswith("c_") and hasattr(ast, _name[2:]):
        STMT[getattr(ast, _name[2:])] = _fn
__all__ = ["enter_context", "check_except_type", "handler_parts", "UNBOUND"]
