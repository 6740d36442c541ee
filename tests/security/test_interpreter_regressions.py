"""Regressions for holes found in the ast interpreter's own machinery while it was built: each one
is an attack that worked against an earlier version (or a technique its design had to close)."""
from __future__ import annotations

import safeexec


def test_str_subclass_attribute_name_lies_to_the_guard(sandbox):
    # A str subclass can override startswith/__eq__/__hash__: the guard must check the real text.
    sandbox.attack("""
        class S(str):
            def startswith(self, *a):
                return False
        g = (x for x in [1])
        frame = getattr(g, S('gi_frame'))
        frame.f_builtins['open'](canary, 'w')
    """)


def test_match_args_str_subclass_reaches_gi_frame(sandbox):
    # Class patterns read __match_args__ names chosen by the sandbox.
    sandbox.attack("""
        class S(str):
            def startswith(self, *a):
                return False
        g = (x for x in [1])
        class Probe:
            pass
        Gen = type(g)
        match g:
            case Gen(gi_frame=frame):
                frame.f_builtins['open'](canary, 'w')
    """)


def test_type_call_slot_bypasses_class_checks(sandbox):
    # type.__call__(type, name, bases, ns) would build a class with a finalizer unchecked.
    sandbox.attack("""
        K = type.__call__(type, 'K', (), {'__del__': lambda self: open(canary, 'w')})
        K()
    """)


def test_bytes_call_slot_skips_size_precheck(sandbox):
    sandbox.attack("""
        b = bytes.__call__(10**10)
        print(len(b))
        open(canary, 'w')
    """)


def test_builtin_init_reinitialises_host_object(sandbox):
    sandbox.attack("""
        import uuid
        uuid.NAMESPACE_DNS.__init__(int=0)
        open(canary, 'w')
    """, allowed_imports=["uuid"])


def test_list_init_consumes_endless_iterator_unmetered(sandbox):
    sandbox.attack("""
        import itertools
        class L(list):
            def __init__(self):
                super().__init__(itertools.count())
        L()
        open(canary, 'w')
    """, allowed_imports=["itertools"], limits=safeexec.Limits(timeout=2.0), cpython_escapes=None)


def test_yield_from_c_iterator_drained_by_sum(sandbox):
    # sum() drains the generator in C; `yield from count()` must still cost one op per item.
    sandbox.attack("""
        import itertools
        def endless():
            yield from itertools.count()
        sum(endless())
        open(canary, 'w')
    """, allowed_imports=["itertools"], limits=safeexec.Limits(max_ops=100_000, timeout=3.0),
       cpython_escapes=None)


def test_metered_generator_never_reaches_user_eq(sandbox):
    # list.count(x) once handed the interpreter's own metering generator to a sandbox __eq__.
    sandbox.attack("""
        leaked = []
        class Key:
            def __eq__(self, other):
                leaked.append(other)
                return False
        [Key()].count(Key())
        gen = [x for x in leaked if type(x).__name__ == 'generator'][0]
        gen.gi_frame.f_globals['__builtins__']['open'](canary, 'w')
    """, cpython_escapes=None)


def test_sandbox_function_globals_are_empty(sandbox):
    # Even a route to a sandbox function's __globals__ would find an empty namespace.
    sandbox.attack("""
        def f():
            pass
        class NS:
            pass
        import functools
        w = functools.update_wrapper(NS(), f, assigned=('__globals__',), updated=())
        vars(w)['__globals__']['__builtins__']['open'](canary, 'w')
    """, allowed_imports=["functools"])


def test_tool_called_by_finaliser_after_the_run(sandbox):
    # A generator's finally block runs when the host drops it; no tool call may happen then.
    sandbox.attack("""
        def g():
            try:
                yield 1
            finally:
                search(open(canary, 'w'))
        it = g()
        next(it)
        raise ValueError('end of run; the generator is finalised later')
    """, cpython_escapes=None)


def test_deep_tuple_hash_cannot_crash_the_host(sandbox):
    sandbox.attack("""
        t = ()
        for _ in range(200_000):
            t = (t,)
        hash(t)
        open(canary, 'w')
    """, limits=safeexec.Limits(timeout=5.0), cpython_escapes=None)


def test_nested_zip_chain_cannot_crash_or_hang(sandbox):
    sandbox.attack("""
        x = iter([1])
        for _ in range(200_000):
            x = zip(x)
        next(x)
        open(canary, 'w')
    """, limits=safeexec.Limits(timeout=5.0), cpython_escapes=None)


def test_json_decoder_parse_object_reaches_json_decoder_globals(sandbox):
    # JSONDecoder.__init__ stores json.decoder's JSONObject as `parse_object` in the instance dict;
    # a name in a host object's instance dict once counted as sandbox storage, so the denied name
    # was readable, and with it a host function whose globals hold json.decoder's imports.
    sandbox.attack("""
        import json
        parse = json.JSONDecoder().parse_object
        parse.__globals__['__builtins__']['open'](canary, 'w')
    """, allowed_imports=["json"])


def test_sandbox_subclass_of_json_decoder_reads_scan_once(sandbox):
    # The same storage rule through a sandbox subclass: the host base class filled the dict.
    sandbox.attack("""
        import json
        class D(json.JSONDecoder):
            pass
        scan = getattr(D(), 'scan_once')
        parse = getattr(D(), 'parse_array')
        parse.__globals__['__builtins__']['open'](canary, 'w')
    """, allowed_imports=["json"])
