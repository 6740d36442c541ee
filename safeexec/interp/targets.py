"""Assignment targets: closures `(frame, value) -> None` for names, attributes, subscripts and
(starred) unpacking, with CPython's unpacking messages."""
from __future__ import annotations

import ast

from .compiler import Compiler, Unsupported
from .guards import del_attr, is_plain_name, set_attr, set_attr_plain


_SEQUENCES = frozenset({list, tuple, str, bytes, bytearray})


def _unpack_fixed(meter, value, n):
    try:
        it = iter(value)
    except TypeError:
        raise TypeError(f"cannot unpack non-iterable {type(value).__name__} object") from None
    if type(value) in (list, tuple) and len(value) == n:
        return value
    out = []
    for item in it:
        if len(out) == n:
            raise ValueError(f"too many values to unpack (expected {n})")
        out.append(item)
    if len(out) < n:
        raise ValueError(f"not enough values to unpack (expected {n}, got {len(out)})")
    return out


def _unpack_star(meter, value, before, after):
    try:
        it = iter(value)
    except TypeError:
        raise TypeError(f"cannot unpack non-iterable {type(value).__name__} object") from None
    items = list(meter.metered(it))
    if len(items) < before + after:
        raise ValueError(f"not enough values to unpack (expected at least {before + after}, "
                         f"got {len(items)})")
    return items[:before] + [items[before:len(items) - after]] + items[len(items) - after:]


def store_target(c: Compiler, node: ast.expr):
    if isinstance(node, ast.Name):
        return c.store_name(node.id)
    if isinstance(node, ast.Attribute):
        obj = c.expr(node.value)
        name = c.mangle(node.attr)
        if is_plain_name(name):
            return lambda f, v: set_attr_plain(obj(f), name, v)
        return lambda f, v: set_attr(obj(f), name, v)
    if isinstance(node, ast.Subscript):
        obj = c.expr(node.value)
        index = c.expr(node.slice)

        def store_item(f, v):
            o = obj(f)
            k = index(f)
            if type(k) is slice and type(v) in _SEQUENCES and len(v) > 4096:
                # l[len(l):] = l doubles a list per op: charge the growth before it happens
                f[0].meter.alloc(8 * len(v))
            o[k] = v
        return store_item
    if isinstance(node, (ast.Tuple, ast.List)):
        stars = [i for i, e in enumerate(node.elts) if isinstance(e, ast.Starred)]
        if len(stars) > 1:
            raise Unsupported("multiple starred expressions in assignment", node)
        subs = [store_target(c, e.value if isinstance(e, ast.Starred) else e) for e in node.elts]
        if not stars:
            n = len(subs)
            if n == 2:
                s0, s1 = subs

                def store2(f, v):
                    a, b = _unpack_fixed(None, v, 2)
                    s0(f, a)
                    s1(f, b)
                return store2

            def store_n(f, v):
                for s, item in zip(subs, _unpack_fixed(None, v, n)):
                    s(f, item)
            return store_n
        before = stars[0]
        after = len(subs) - before - 1

        def store_star(f, v):
            for s, item in zip(subs, _unpack_star(f[0].meter, v, before, after)):
                s(f, item)
        return store_star
    if isinstance(node, ast.Starred):
        raise Unsupported("starred assignment target must be in a list or tuple", node)
    raise Unsupported(f"cannot assign to {type(node).__name__}", node)


def delete_target(c: Compiler, node: ast.expr):
    if isinstance(node, ast.Name):
        return c.del_name(node.id)
    if isinstance(node, ast.Attribute):
        obj = c.expr(node.value)
        name = c.mangle(node.attr)
        return lambda f: del_attr(obj(f), name)
    if isinstance(node, ast.Subscript):
        obj = c.expr(node.value)
        index = c.expr(node.slice)

        def del_item(f):
            o = obj(f)
            del o[index(f)]
        return del_item
    if isinstance(node, (ast.Tuple, ast.List)):
        subs = [delete_target(c, e) for e in node.elts]

        def del_all(f):
            for s in subs:
                s(f)
        return del_all
    raise Unsupported(f"cannot delete {type(node).__name__}", node)
