"""Escape properties: whatever hostile program runs, nothing crosses the boundary (oracle.py).

Each example is one generated attack (strategies/escape.py) run through `oracle.run_checked`, which
raises `EscapeFound` naming what crossed. Failures hypothesis finds are pinned below as @example
and copied into tests/security, named after the technique.
"""
from __future__ import annotations

import safeexec
from hypothesis import example, given
from hypothesis import strategies as st

from fuzz import oracle
from fuzz.profiles import examples, tally
from fuzz.strategies import escape_parts as parts
from fuzz.strategies.escape import chain, escape_programs, guarded, spy_start, with_imports


def test_fuzz_host_is_usable():
    """The escape properties are vacuous if the fuzz host's configuration is itself refused."""
    r = oracle.run_checked("import json, math\nx = json.dumps(data['rows'])\nprint(lookup('k'))\nx")
    assert isinstance(r, safeexec.Result), r
    assert r.value == "[1, 2, 3]" and r.output == "value of k\n"


@examples(ci=2_000, deep=100_000)
@given(escape_programs())
@example(  # sandbox functions were runtime closures whose __globals__ was the interpreter's
    program="import os.path\nx = lambda: 0\nmatch x:\n    case object(append=found):\n"
            "        x = found\ntry:\n    x('os').system('touch ' + CREATED)\n"
            "except BaseException as err:\n    print(type(err).__name__, err)\nx\n")
@example(program="def f(a=1, *, b=2):\n    return a\nx = f\nx = x(x)\nprint(x)\nx\n")
@example(  # copyreg caches __slotnames__ on a host class: a cache, not a change (oracle.py)
    program="import copy\nimport os.path\nx = copy.deepcopy\nx = x(record)\n"
            "x('os').system('touch ' + CREATED)\nx\n")
@example(  # a sandbox __exit__ received the raw traceback (fixed: a stand-in)
    program="import json\nclass Catch:\n    def __enter__(self):\n        return self\n"
            "    def __exit__(self, *exc):\n        global x\n        x = exc\n        return True\n"
            "with Catch():\n    json.loads('[')\nx = next((c for c in x if getattr(c, '__name__', '') "
            "== 'catch_warnings'), x)\nx\n")
def test_no_escape(program):
    tally("test_no_escape", oracle.run_checked(program))


@st.composite
def spy_programs(draw):
    """Dunder methods CPython calls implicitly, fed host objects, then chained like any start."""
    body = [draw(spy_start())] + [guarded(s, report=False) for s in draw(chain())]
    body += [guarded(draw(st.sampled_from(parts.GOALS)), report=True), "x"]
    return with_imports("\n".join(body))


@examples(ci=600, deep=20_000)
@given(spy_programs())
def test_no_escape_through_implicit_dunders(program):
    tally("test_no_escape_through_implicit_dunders", oracle.run_checked(program))


@st.composite
def value_programs(draw):
    """Programs whose only aim is to hand a capability back as the REPL value."""
    start = draw(st.sampled_from(parts.LITERALS + parts.BUILTIN_NAMES + parts.HOST_NAMES
                                 + parts.MODULE_STARTS + parts.GENERATOR_STARTS[:8]
                                 + parts.EXCEPTION_STARTS[:6]))
    start = start if "\n" in start or start.startswith("x =") else f"x = {start}"
    steps = [guarded(s, report=False) for s in draw(chain())]
    shape = draw(st.sampled_from(["x", "[x]", "(x, x)", "{'k': x}", "{x}", "ValueError(x)"]))
    return with_imports("\n".join([start] + steps + [shape]))


@examples(ci=800, deep=30_000)
@given(value_programs())
@example(  # known.py json-internals-reachable
    program="import json\nx = json.JSONDecoder().parse_object\ntry:\n    x = getattr(x, 'keywords', x)\n"
            "except BaseException as err:\n    x = err\nx\n")
@example(  # builtins were functions carrying safeexec.interp.safe_builtins' namespace (fixed)
    program="x = getattr\ntry:\n    x = getattr(x, 'keywords', x)\nexcept BaseException as err:\n"
            "    x = err\nx\n")
def test_no_capability_in_value(program):
    tally("test_no_capability_in_value", oracle.run_checked(program))



def test_sandbox_functions_carry_no_host_namespace():
    """Sandbox functions reach host code that reads `__globals__` (typing.get_type_hints,
    functools.update_wrapper): every kind must carry a namespace that leads nowhere."""
    kinds = ("def f(a):\n    return a\ndef g():\n    yield 1\n"
             "class C:\n    def m(self):\n        return 1\n    @staticmethod\n    def s():\n        pass\n"
             "def outer():\n    v = 1\n    def inner():\n        return v\n    return inner\n"
             "[f, g, lambda: 0, C.m, C().m, C.s, outer()]")
    outcome = oracle.run_checked(kinds)
    assert isinstance(outcome, safeexec.Result), outcome
    assert sum(type(v).__name__ in ("function", "method") for v in outcome.value) == 7
