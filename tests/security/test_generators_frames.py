"""Generators, coroutines and frames: gi_frame/cr_frame/ag_frame are public names that lead to
frames, and a frame's f_back/f_globals/f_builtins lead to the host (RestrictedPython
CVE-2023-37271). gi_yieldfrom/cr_await/ag_await hand over the raw delegate.
"""
from __future__ import annotations

AWAITABLE = """
class Suspend:
    def __await__(self):
        yield 1
"""


def test_cve_2023_37271_gi_frame_builtins(sandbox):
    sandbox.attack("""
        g = (x for x in [1])
        g.gi_frame.f_builtins['open'](canary, 'w')
    """)


def test_gi_frame_f_back_globals(sandbox):
    # A running generator's frame points back at its caller: the interpreter, then the host.
    sandbox.attack("""
        def walker():
            yield me.gi_frame.f_back
        me = walker()
        frame = next(me)
        while frame is not None:
            if 'os' in frame.f_globals:
                frame.f_globals['os'].system("touch '%s'" % canary)
                break
            frame = frame.f_back
    """)


def test_restrictedpython_genexp_f_back_f_back(sandbox):
    sandbox.attack("""
        g = (g.gi_frame.f_back.f_back for _ in [1])
        frame = [x for x in g][0]
        frame.f_builtins['__import__']('os').system("touch '%s'" % canary)
    """)


def test_gi_yieldfrom_host_generator(sandbox):
    sandbox.attack("""
        def outer():
            yield from stream('a b c')
        o = outer()
        next(o)
        print(o.gi_yieldfrom.gi_frame.f_globals['SECRET'])
    """)


def test_host_generator_gi_frame_globals(sandbox):
    sandbox.attack("print(stream('x').gi_frame.f_globals['SECRET'])")


def test_gi_frame_with_computed_getattr(sandbox):
    sandbox.attack("""
        frame = getattr(stream('x'), 'gi_' + 'frame')
        print(getattr(frame, 'f_' + 'globals')['SECRET'])
    """)


def test_gi_code_rebuilt_into_host_function(sandbox):
    # The host generator's code object, rebound to the globals of its own module.
    sandbox.attack("""
        code = stream('x').gi_code
        gen = type(search)(code, search.__globals__)('q')
        print(gen.gi_frame.f_globals['SECRET'])
    """)


def test_coroutine_cr_frame_builtins(sandbox):
    sandbox.attack("""
        async def co():
            pass
        c = co()
        c.cr_frame.f_builtins['open'](canary, 'w')
    """)


def test_coroutine_cr_await_delegate_frame(sandbox):
    sandbox.attack(AWAITABLE + """
async def co():
    await Suspend()
c = co()
c.send(None)
c.cr_await.gi_frame.f_builtins['open'](canary, 'w')
""")


def test_async_generator_ag_frame(sandbox):
    sandbox.attack("""
        async def ag():
            yield 1
        a = ag()
        a.ag_frame.f_builtins['open'](canary, 'w')
    """)


def test_async_generator_ag_await_delegate(sandbox):
    sandbox.attack(AWAITABLE + """
async def ag():
    await Suspend()
    yield 1
a = ag()
a.asend(None).send(None)
a.ag_await.gi_frame.f_builtins['open'](canary, 'w')
""")


def test_generator_throw_returns_traceback_frame(sandbox):
    sandbox.attack("""
        def g():
            try:
                yield 1
            except ZeroDivisionError as e:
                yield e.__traceback__
        gen = g()
        next(gen)
        tb = gen.throw(ZeroDivisionError)
        tb.tb_frame.f_builtins['open'](canary, 'w')
    """)


def test_stopiteration_value_carries_frame(sandbox):
    sandbox.attack("""
        def inner():
            yield 1
            return getattr(me, 'gi_' + 'frame')
        me = inner()
        next(me)
        try:
            next(me)
        except StopIteration as stop:
            frame = stop.value
        frame.f_builtins['open'](canary, 'w')
    """)


def test_frame_walk_to_any_callers_builtins(sandbox):
    # Walk every caller: the first host frame's globals (or builtins) are enough.
    sandbox.attack("""
        def walker():
            yield me.gi_frame.f_back
        me = walker()
        frame = next(me)
        while frame is not None:
            g = frame.f_globals
            if 'SECRET' in g:
                print(g['SECRET'])
            if '__builtins__' in g:
                b = g['__builtins__']
                b = b if isinstance(b, dict) else vars(b)
                b['open'](canary, 'w')
                break
            frame = frame.f_back
    """)
