"""Gen mode: statements that contain `yield`, compiled to Python generator functions that blocks
drive with `yield from`, so a sandbox generator is a real generator (send/throw/close work) and
needs no thread. Yield-free statements inside stay plain closures."""
from __future__ import annotations

import ast

from .compiler import Compiler, Unsupported
from .runtime import BREAK, CONTINUE, clear_notes, note_line
from .signals import UNCATCHABLE
from .stmts import check_except_type, enter_context, exit_traceback, handler_parts
from .targets import store_target


_GeneratorType = type((lambda: (yield))())


def gen_block(compiled, lines):
    items = tuple(compiled)
    linemap = {id(s): line for (s, _), line in zip(items, lines)}

    def block(f):
        s = None
        try:
            for s, is_gen in items:
                r = (yield from s(f)) if is_gen else s(f)
                if r is not None:
                    return r
        except BaseException as e:
            note_line(e, linemap.get(id(s), lines[0]))
            raise
        return None
    return block


def _sub(c: Compiler, stmts):
    """A block usable from a generator statement: always a generator function."""
    closure, is_gen = c.block(stmts)
    if is_gen:
        return closure

    def wrapped(f):
        return closure(f)
        yield  # noqa - makes this a generator
    return wrapped


def _plain(e):
    def g(f):
        return e(f)
        yield  # noqa - makes this a generator
    return g


def _yield_value(c: Compiler, node: ast.expr):
    """A generator function `(frame)` evaluating an expression that contains yield, left to
    right, and returning its value (`x = yield v`, `f((yield))`, `a + (yield)`...)."""
    from .compiler import contains_yield
    from .exprs import BINOPS, call_value
    if not contains_yield(node):
        return _plain(c.expr(node))
    if isinstance(node, ast.Yield):
        value = c.expr(node.value) if node.value is not None else None

        def do_yield(f):
            return (yield (value(f) if value is not None else None))
        return do_yield
    if isinstance(node, ast.YieldFrom):
        src = c.expr(node.value)

        def do_yield_from(f):
            it = src(f)
            if type(it) is _GeneratorType:
                # a generator: delegate send/throw/close; a sandbox one ticks in its own loops
                return (yield from it)
            # a C iterator (itertools.count()...) would otherwise be drained untick'd by a
            # consumer such as sum(): one op per item
            return (yield from f[0].meter.metered(iter(it)))
        return do_yield_from
    if isinstance(node, ast.Call) and not node.keywords and \
            not any(isinstance(a, ast.Starred) for a in node.args):
        func = _yield_value(c, node.func)
        args = [_yield_value(c, a) for a in node.args]

        def do_call(f):
            fn = yield from func(f)
            values = []
            for a in args:
                values.append((yield from a(f)))
            return call_value(f[0].meter, fn, tuple(values), None)
        return do_call
    if isinstance(node, ast.BinOp):
        left, right = _yield_value(c, node.left), _yield_value(c, node.right)
        fn = BINOPS[type(node.op)]

        def do_binop(f):
            a = yield from left(f)
            b = yield from right(f)
            return fn(a, b)
        return do_binop
    if isinstance(node, (ast.Tuple, ast.List)) and \
            not any(isinstance(e, ast.Starred) for e in node.elts):
        elts = [_yield_value(c, e) for e in node.elts]
        make = tuple if isinstance(node, ast.Tuple) else list

        def do_display(f):
            values = []
            for e in elts:
                values.append((yield from e(f)))
            return make(values)
        return do_display
    raise Unsupported("'yield' inside this kind of expression is not supported; assign it "
                      "first: `x = yield value`", node)


def g_Expr(c: Compiler, node: ast.Expr):
    y = _yield_value(c, node.value)

    def stmt(f):
        yield from y(f)
    return stmt


def g_Assign(c: Compiler, node: ast.Assign):
    y = _yield_value(c, node.value)
    stores = [store_target(c, t) for t in node.targets]

    def stmt(f):
        v = yield from y(f)
        for s in stores:
            s(f, v)
    return stmt


def g_Return(c: Compiler, node: ast.Return):
    y = _yield_value(c, node.value)
    from .runtime import RETURN

    def stmt(f):
        f[1] = yield from y(f)
        return RETURN
    return stmt


def g_If(c: Compiler, node: ast.If):
    if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node.test)):
        raise Unsupported("'yield' inside an if condition is not supported", node)
    test = c.expr(node.test)
    body = _sub(c, node.body)
    orelse = _sub(c, node.orelse) if node.orelse else None

    def stmt(f):
        if test(f):
            return (yield from body(f))
        if orelse is not None:
            return (yield from orelse(f))
        return None
    return stmt


def g_For(c: Compiler, node: ast.For):
    iterable = c.expr(node.iter)
    store = store_target(c, node.target)
    body = _sub(c, node.body)
    orelse = _sub(c, node.orelse) if node.orelse else None

    def stmt(f):
        m = f[0].meter
        for x in iterable(f):
            m.ops += 1
            if m.ops >= m.next_check:
                m.checkpoint()
            store(f, x)
            r = yield from body(f)
            if r is not None:
                if r is BREAK:
                    return None
                if r is CONTINUE:
                    continue
                return r
        if orelse is not None:
            return (yield from orelse(f))
        return None
    return stmt


def g_While(c: Compiler, node: ast.While):
    test = c.expr(node.test)
    body = _sub(c, node.body)
    orelse = _sub(c, node.orelse) if node.orelse else None

    def stmt(f):
        m = f[0].meter
        while test(f):
            m.ops += 1
            if m.ops >= m.next_check:
                m.checkpoint()
            r = yield from body(f)
            if r is not None:
                if r is BREAK:
                    return None
                if r is CONTINUE:
                    continue
                return r
        if orelse is not None:
            return (yield from orelse(f))
        return None
    return stmt


def g_Try(c: Compiler, node: ast.Try):
    body = _sub(c, node.body)
    handlers = [(handler_parts(c, h), _sub(c, h.body)) for h in node.handlers]
    orelse = _sub(c, node.orelse) if node.orelse else None
    final = _sub(c, node.finalbody) if node.finalbody else None

    def inner(f):
        try:
            r = yield from body(f)
        except UNCATCHABLE:
            raise
        except BaseException as e:
            for (kind, store, unbind), hbody in handlers:
                if kind is None or isinstance(e, check_except_type(kind(f))):
                    clear_notes(e)
                    if store is not None:
                        store(f, e)
                        try:
                            return (yield from hbody(f))
                        finally:
                            unbind(f)
                    return (yield from hbody(f))
            raise
        if r is not None:
            return r
        if orelse is not None:
            return (yield from orelse(f))
        return None

    if final is None:
        return inner

    def stmt(f):
        try:
            r = yield from inner(f)
        except UNCATCHABLE:
            raise
        except BaseException:
            rf = yield from final(f)
            if rf is not None:
                return rf
            raise
        rf = yield from final(f)
        return rf if rf is not None else r
    return stmt


def g_With(c: Compiler, node: ast.With):
    if len(node.items) != 1:
        inner = ast.With(items=node.items[1:], body=node.body)
        ast.copy_location(inner, node)
        body_node = [inner]
    else:
        body_node = node.body
    item = node.items[0]
    ctx = c.expr(item.context_expr)
    store = store_target(c, item.optional_vars) if item.optional_vars is not None else None
    body = _sub(c, body_node)

    def stmt(f):
        mgr = ctx(f)
        value, exit_ = enter_context(mgr)
        if store is not None:
            store(f, value)
        try:
            r = yield from body(f)
        except UNCATCHABLE:
            raise
        except BaseException as e:
            if not exit_(mgr, type(e), e, exit_traceback(exit_, e)):
                raise
            return None
        exit_(mgr, None, None, None)
        return r
    return stmt


GEN_STMT = {
    ast.Expr: g_Expr, ast.Assign: g_Assign, ast.Return: g_Return, ast.If: g_If, ast.For: g_For,
    ast.While: g_While, ast.Try: g_Try, ast.With: g_With,
}
