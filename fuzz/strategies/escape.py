"""Hypothesis strategies for escape attempts, chained the way attackers chain them.

A program is: imports, a starting point that binds `x`, a chain of steps that each replace `x`
(attribute, computed getattr, subscript, call, selection from an iterable, format field path,
attrgetter, map/reduce with getattr, match-class patterns, ...), then one or more goals (call
system/open/eval, read a secret, tamper with a module), then `x` as the value handed back.

Steps come from known routes (escape_parts.ROUTES) or from the name dictionary, and each token is
rendered by a randomly drawn technique, so a route blocked for `x.__class__` is retried as
`getattr(x, '__cl' + 'ass__')`, `operator.attrgetter(...)`, `'{0.__class__}'.format(x)`,
`case object(__class__=v)` and so on. Steps are optionally wrapped in `try/except BaseException`
so a refused step leaves the exception object in `x`, as an attacker's probe would.

Trap: keep every program small (a few steps): the deep run relies on volume, not on size.
"""
from __future__ import annotations

import re

from hypothesis import strategies as st

from fuzz.host import ALLOWED_IMPORTS
from fuzz.strategies import escape_parts as parts

MODULE_ROOTS = sorted({name.split(".")[0] for name in ALLOWED_IMPORTS})
_IMPORT_FOR = {"os": "import os.path", "urllib": "import urllib.parse"}


# -- obfuscated string literals -------------------------------------------------------------------
@st.composite
def name_expr(draw, name: str) -> str:
    """A source expression evaluating to the string `name`, possibly computed at run time."""
    how = draw(st.sampled_from(["plain", "plain", "concat", "join", "chr", "reverse", "percent",
                                "format", "fstring", "bytes", "replace", "mult"]))
    cut = draw(st.integers(0, len(name)))
    a, b = name[:cut], name[cut:]
    if how == "concat":
        return f"{a!r} + {b!r}"
    if how == "join":
        return f"''.join({list(name)!r})"
    if how == "chr":
        return "''.join(map(chr, " + repr([ord(c) for c in name]) + "))"
    if how == "reverse":
        return f"{name[::-1]!r}[::-1]"
    if how == "percent":
        return f"'%s%s' % ({a!r}, {b!r})"
    if how == "format":
        return f"'{{}}{{}}'.format({a!r}, {b!r})"
    if how == "fstring":
        plain = not any(c in name for c in "'\"{}\\")
        return "f'{\"" + a + "\"}" + b + "'" if plain else repr(name)
    if how == "bytes":
        return f"bytes({list(name.encode())!r}).decode()"
    if how == "replace":
        return f"{name.replace('_', '!')!r}.replace('!', '_')"
    if how == "mult" and name.startswith("__") and name.endswith("__") and len(name) > 4:
        return f"'_' * 2 + {name[2:-2]!r} + '_' * 2"
    return repr(name)


# -- one token -> one statement that replaces x ---------------------------------------------------
# Techniques whose name is visible in the source are refused when the program is compiled, which
# ends the whole attempt there; runtime techniques let the chain go on. Drawing the static ones
# rarely for dangerous names keeps most attempts alive past their first step.
RUNTIME_TECHNIQUES = ["getattr", "getattr", "getattr_default", "attrgetter", "map", "lambda",
                      "comprehension", "dir", "formatter", "reduce", "lying_name"]

# A str subclass that lies to any guard inspecting the name with str methods or comparisons.
LIAR = ("class Liar(str):\n    def startswith(self, *a):\n        return False\n"
        "    def __eq__(self, other):\n        return False\n    def __hash__(self):\n"
        "        return 0\n    def __contains__(self, item):\n        return False\n"
        "    def isidentifier(self):\n        return True\n    def __str__(self):\n"
        "        return 'real'\n")
STATIC_TECHNIQUES = ["static", "static", "vars", "getattribute", "object_getattribute",
                     "type_getattribute", "dict", "super", "match", "eval", "exec", "fstring"]


@st.composite
def attr_step(draw, name: str) -> str:
    risky = name.startswith("_") or name in parts.DANGEROUS_NAMES
    static = draw(st.integers(0, 4 if risky else 1)) == 0
    how = draw(st.sampled_from(STATIC_TECHNIQUES if static else RUNTIME_TECHNIQUES))
    s = draw(name_expr(name))
    if how == "static":
        return f"x = x.{name}" if name.isidentifier() else f"x = getattr(x, {s})"
    if how == "getattr":
        return f"x = getattr(x, {s})"
    if how == "getattr_default":
        return f"x = getattr(x, {s}, x)"
    if how == "attrgetter":
        return f"x = operator.attrgetter({s})(x)"
    if how == "map":
        return f"x = next(map(getattr, [x], [{s}]))"
    if how == "vars":
        return f"x = vars(x)[{s}]"
    if how == "getattribute":
        return f"x = x.__getattribute__({s})"
    if how == "object_getattribute":
        return f"x = object.__getattribute__(x, {s})"
    if how == "type_getattribute":
        return f"x = type.__getattribute__(x, {s})"
    if how == "dict":
        return f"x = x.__dict__[{s}]"
    if how == "lambda":
        return f"x = (lambda o: getattr(o, {s}))(x)"
    if how == "comprehension":
        return f"x = [getattr(o, {s}) for o in [x]][0]"
    if how == "dir":
        return f"x = getattr(x, [n for n in dir(x) if n == {s}][0])"
    if how == "super":
        return f"x = super(type(x), x).__getattribute__({s})"
    if how == "match" and name.isidentifier():
        return f"match x:\n    case object({name}=found):\n        x = found"
    if how == "eval" and name.isidentifier():
        return f"x = eval('x.{name}')"
    if how == "exec" and name.isidentifier():
        return f"exec('x = x.{name}')"
    if how == "formatter":
        return f"x = string.Formatter().get_field('0.{name}', (x,), {{}})[0]"
    if how == "reduce":
        return f"x = functools.reduce(getattr, [{s}], x)"
    if how == "fstring" and name.isidentifier():
        return f"x = f'{{x.{name}}}'"
    if how == "lying_name":
        form = draw(st.sampled_from(["getattr(x, Liar({s}))", "getattr(x, Liar({s}), x)",
                                     "operator.attrgetter(Liar({s}))(x)"]))
        return "x = " + form.format(s=s)
    return f"x = getattr(x, {s})"


@st.composite
def item_step(draw, key: str | None) -> str:
    key = key if key is not None else draw(st.sampled_from(parts.GLOBALS_KEYS))
    how = draw(st.sampled_from(["plain", "plain", "getitem", "itemgetter", "get", "list", "dict"]))
    if how == "getitem":
        return f"x = x.__getitem__({key})"
    if how == "itemgetter":
        return f"x = operator.itemgetter({key})(x)"
    if how == "get" and not key.lstrip("-").isdigit():
        return f"x = x.get({key})"
    if how == "list" and key.lstrip("-").isdigit():
        return f"x = list(x)[{key}]"
    if how == "dict" and not key.lstrip("-").isdigit():
        return f"x = dict(x)[{key}]"
    return f"x = x[{key}]"


@st.composite
def call_step(draw, args: str | None) -> str:
    args = args if args is not None else draw(st.sampled_from(parts.CALL_ARGS))
    how = draw(st.sampled_from(["plain", "plain", "apply", "map", "partial", "operator",
                                "dunder", "sorted", "reduce"]))
    if how == "apply":
        return f"x = apply(x, {args})" if args else "x = apply(x)"
    if how == "map" and args:
        return f"x = list(map(x, [{args}]))[0]"
    if how == "partial":
        return f"x = functools.partial(x, {args})()" if args else "x = functools.partial(x)()"
    if how == "operator":
        return f"x = operator.call(x, {args})" if args else "x = operator.call(x)"
    if how == "dunder":
        return f"x = x.__call__({args})"
    if how == "sorted" and args:
        return f"x = sorted([{args}], key=x)[0]"
    if how == "reduce" and args:
        return f"x = functools.reduce(lambda a, b: x(b), [{args}], None)"
    return f"x = x({args})"


@st.composite
def select_step(draw, name: str | None) -> str:
    name = name or draw(st.sampled_from(parts.SUBCLASS_NAMES))
    how = draw(st.sampled_from(["next", "list", "loop"]))
    if how == "next":
        return f"x = next((c for c in x if getattr(c, '__name__', '') == {name!r}), x)"
    if how == "list":
        return f"x = [c for c in x if c.__name__ == {name!r}][0]"
    return (f"for c in list(x):\n    if getattr(c, '__name__', None) == {name!r}:\n"
            "        x = c\n        break")


def render_token(token) -> st.SearchStrategy[str]:
    kind, operand = token
    if kind == "attr":
        return attr_step(operand)
    if kind == "item":
        return item_step(operand)
    if kind == "call":
        return call_step(operand)
    return select_step(operand)


@st.composite
def format_path_step(draw, tokens) -> str:
    """Render a run of attr/item tokens as one str.format field path (a C-level getattr gadget)."""
    path = "0"
    for kind, operand in tokens:
        if kind == "attr":
            path += "." + operand
        elif kind == "item":
            key = operand if operand is not None else draw(st.sampled_from(parts.GLOBALS_KEYS))
            path += "[" + key.strip("'") + "]"
        else:
            break
    how = draw(st.sampled_from(["format", "format_map", "str_format", "formatter"]))
    if how == "format_map":
        return f"x = {('{' + path.replace('0', 'v', 1) + '}')!r}.format_map({{'v': x}})"
    if how == "str_format":
        return f"x = str.format({('{' + path + '}')!r}, x)"
    if how == "formatter":
        return f"x = string.Formatter().get_field({path!r}, (x,), {{}})[0]"
    return f"x = {('{' + path + '}')!r}.format(x)"


# -- whole chains ---------------------------------------------------------------------------------
DUNDERS = [n for n in parts.DANGEROUS_NAMES if n.startswith("_")]
PUBLIC_DANGEROUS = [n for n in parts.DANGEROUS_NAMES if not n.startswith("_")]

# A refused dunder ends the run (a runtime PolicyViolation is final), so public names that may
# lead somewhere are drawn more often than dunders.
random_token = st.one_of(
    st.tuples(st.just("attr"), st.sampled_from(PUBLIC_DANGEROUS)),
    st.tuples(st.just("attr"), st.sampled_from(PUBLIC_DANGEROUS)),
    st.tuples(st.just("attr"), st.sampled_from(DUNDERS)),
    st.tuples(st.just("attr"), st.sampled_from(parts.ORDINARY_NAMES)),
    st.tuples(st.just("item"), st.none()),
    st.tuples(st.just("call"), st.none()),
    st.tuples(st.just("select"), st.none()),
)


@st.composite
def chain(draw) -> list[str]:
    """The statements of one chain, each replacing x."""
    if draw(st.booleans()):
        tokens = list(draw(st.sampled_from(parts.ROUTES)))
        if draw(st.booleans()):
            at = draw(st.integers(0, len(tokens)))
            tokens[at:at] = draw(st.lists(random_token, max_size=2))
    else:
        tokens = draw(st.lists(random_token, min_size=1, max_size=5))
    steps = []
    i = 0
    while i < len(tokens):
        if tokens[i][0] in ("attr", "item") and draw(st.integers(0, 5)) == 0:
            run = 1
            while i + run < len(tokens) and tokens[i + run][0] in ("attr", "item"):
                run += 1
            steps.append(draw(format_path_step(tokens[i:i + run])))
            i += run
            continue
        steps.append(draw(render_token(tokens[i])))
        i += 1
    return steps


def _indent(src: str, by: str = "    ") -> str:
    return "\n".join(by + line for line in src.splitlines())


@st.composite
def spy_start(draw) -> str:
    dunders = draw(st.lists(st.sampled_from(sorted(parts.SPY_RETURNS)), min_size=1, max_size=4,
                            unique=True))
    trigger = draw(st.sampled_from(parts.SPY_TRIGGERS))
    methods = []
    for d in dunders:
        if d in ("__init_subclass__", "__class_getitem__"):
            methods.append(f"    def {d}(cls, *a, **k):\n        seen.append((cls, a, k))")
        else:
            methods.append(f"    def {d}(self, *a):\n        seen.append(a)\n"
                           f"        return {parts.SPY_RETURNS[d]}")
    return ("seen = []\nclass Spy:\n" + "\n".join(methods) + "\n"
            f"try:\n    {trigger}\nexcept BaseException as err:\n    seen.append(err)\n"
            "x = seen[-1] if seen else seen")


start = st.one_of(
    st.sampled_from(parts.LITERALS + parts.BUILTIN_NAMES + parts.HOST_NAMES
                    + parts.MODULE_STARTS).map(lambda e: f"x = {e}"),
    st.sampled_from(parts.EXCEPTION_STARTS),
    st.sampled_from(parts.GENERATOR_STARTS),
    st.sampled_from(parts.CLASS_STARTS),
    spy_start(),
)


def guarded(stmt: str, report: bool) -> str:
    handler = "    print(type(err).__name__, err)" if report else "    x = err"
    return f"try:\n{_indent(stmt)}\nexcept BaseException as err:\n{handler}"


def with_imports(body: str) -> str:
    """Prefix the imports of every allowed module the body names."""
    used = [m for m in MODULE_ROOTS if re.search(rf"\b{m}\b", body)]
    lines = [_IMPORT_FOR.get(m, f"import {m}") for m in used]
    return "\n".join(lines + [body]) + "\n"


@st.composite
def escape_programs(draw) -> str:
    """A whole escape attempt as source text."""
    body = [draw(start)]
    for step in draw(chain()):
        body.append(guarded(step, report=False) if draw(st.booleans()) else step)
    for goal in draw(st.lists(st.sampled_from(parts.GOALS), min_size=1, max_size=2)):
        body.append(guarded(goal, report=True) if draw(st.booleans()) else goal)
    body.append("x")
    source = "\n".join(body)
    return with_imports((LIAR if "Liar(" in source else "") + source)
