"""The match statement: each pattern compiles to `(frame, subject) -> bool`, binding captures as it
goes. Attribute reads of class patterns go through the guard."""
from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence

from .compiler import STMT, Compiler, Unsupported
from .guards import get_attr

_SELF_MATCHING = (bool, bytearray, bytes, dict, float, frozenset, int, list, set, str, tuple)
_MISSING = object()


def pattern(c: Compiler, p: ast.pattern):
    handler = PATTERNS.get(type(p))
    if handler is None:
        raise Unsupported(f"{type(p).__name__} patterns are not supported", p)
    return handler(c, p)


def p_MatchValue(c, p):
    value = c.expr(p.value)
    return lambda f, v: v == value(f)


def p_MatchSingleton(c, p):
    const = p.value
    return lambda f, v: v is const


def p_MatchAs(c, p):
    store = c.store_name(p.name) if p.name else None
    sub = pattern(c, p.pattern) if p.pattern is not None else None

    def match_as(f, v):
        if sub is not None and not sub(f, v):
            return False
        if store is not None:
            store(f, v)
        return True
    return match_as


def p_MatchOr(c, p):
    alts = [pattern(c, x) for x in p.patterns]
    return lambda f, v: any(a(f, v) for a in alts)


def p_MatchSequence(c, p):
    star = [i for i, x in enumerate(p.patterns) if isinstance(x, ast.MatchStar)]
    subs = [None if isinstance(x, ast.MatchStar) else pattern(c, x) for x in p.patterns]
    n = len(subs)
    if not star:
        def match_seq(f, v):
            if not isinstance(v, Sequence) or isinstance(v, (str, bytes, bytearray)):
                return False
            if len(v) != n:
                return False
            items = list(v)
            return all(s(f, x) for s, x in zip(subs, items))
        return match_seq
    i = star[0]
    star_node = p.patterns[i]
    star_store = c.store_name(star_node.name) if star_node.name else None
    before, after = subs[:i], subs[i + 1:]

    def match_star(f, v):
        if not isinstance(v, Sequence) or isinstance(v, (str, bytes, bytearray)):
            return False
        if len(v) < n - 1:
            return False
        f[0].meter.tick(len(v))
        items = list(v)
        head, mid = items[:i], items[i:len(items) - len(after)]
        tail = items[len(items) - len(after):] if after else []
        if not all(s(f, x) for s, x in zip(before, head)):
            return False
        if not all(s(f, x) for s, x in zip(after, tail)):
            return False
        if star_store is not None:
            star_store(f, mid)
        return True
    return match_star


def p_MatchMapping(c, p):
    keys = [c.expr(k) for k in p.keys]
    subs = [pattern(c, x) for x in p.patterns]
    rest = c.store_name(p.rest) if p.rest else None

    def match_map(f, v):
        if not isinstance(v, Mapping):
            return False
        ks = [k(f) for k in keys]
        for k, s in zip(ks, subs):
            x = v.get(k, _MISSING)
            if x is _MISSING or not s(f, x):
                return False
        if rest is not None:
            d = dict(v)
            for k in ks:
                d.pop(k, None)
            rest(f, d)
        return True
    return match_map


def p_MatchClass(c, p):
    cls_expr = c.expr(p.cls)
    pos = [pattern(c, x) for x in p.patterns]
    kw = [(name, pattern(c, x)) for name, x in zip(p.kwd_attrs, p.kwd_patterns)]

    def match_class(f, v):
        cls = cls_expr(f)
        if not isinstance(cls, type):
            raise TypeError("called match pattern must be a class")
        if not isinstance(v, cls):
            return False
        wraps = f[0].wraps
        if pos:
            if issubclass(cls, _SELF_MATCHING) and "__match_args__" not in cls.__dict__ and \
                    cls in _SELF_MATCHING:
                if len(pos) > 1:
                    raise TypeError(f"{cls.__name__}() accepts 1 positional sub-pattern "
                                    f"({len(pos)} given)")
                if not pos[0](f, v):
                    return False
            else:
                names = getattr(cls, "__match_args__", ())
                if not isinstance(names, tuple):
                    raise TypeError(f"{cls.__name__}.__match_args__ must be a tuple (got "
                                    f"{type(names).__name__})")
                if len(pos) > len(names):
                    raise TypeError(f"{cls.__name__}() accepts {len(names)} positional "
                                    f"sub-pattern{'s' if len(names) != 1 else ''} ({len(pos)} given)")
                for name, s in zip(names, pos):
                    try:
                        x = get_attr(v, name, wraps)
                    except AttributeError:
                        return False
                    if not s(f, x):
                        return False
        for name, s in kw:
            try:
                x = get_attr(v, name, wraps)
            except AttributeError:
                return False
            if not s(f, x):
                return False
        return True
    return match_class


PATTERNS = {
    ast.MatchValue: p_MatchValue, ast.MatchSingleton: p_MatchSingleton, ast.MatchAs: p_MatchAs,
    ast.MatchOr: p_MatchOr, ast.MatchSequence: p_MatchSequence, ast.MatchMapping: p_MatchMapping,
    ast.MatchClass: p_MatchClass,
}


def c_Match(c: Compiler, node: ast.Match):
    subject = c.expr(node.subject)
    cases = [(pattern(c, case.pattern), c.expr(case.guard) if case.guard is not None else None,
              c.body(case.body)) for case in node.cases]

    def match_(f):
        v = subject(f)
        for pat, guard, body in cases:
            if pat(f, v) and (guard is None or guard(f)):
                return body(f)
        return None
    return match_


STMT[ast.Match] = c_Match
