"""Limit errors are final (threat model point 5): no `except`, `__exit__`, `contextlib.suppress`,
`ExitStack`, `@contextmanager` or generator `finally` may swallow a LimitExceeded and carry on.
Each attack prints the ORACLE marker only if it survived its limit. Plain CPython has no limits,
so these have no CPython control.
"""
from __future__ import annotations

import pytest

import safeexec

SURVIVED = "print('ORACLE' + '-HIT')"

SWALLOWERS = {
    "except_base_exception": "try:\n    while True:\n        pass\nexcept BaseException:\n    pass\n",
    "bare_except": "try:\n    while True:\n        pass\nexcept:\n    pass\n",
    "finally_return": ("def f():\n    try:\n        while True:\n            pass\n    finally:\n"
                       "        return 1\nf()\n"),
    "exit_returns_true": ("class S:\n    def __enter__(self):\n        return self\n"
                          "    def __exit__(self, *exc):\n        return True\n"
                          "with S():\n    while True:\n        pass\n"),
    "contextlib_suppress": ("import contextlib\nwith contextlib.suppress(BaseException):\n"
                            "    while True:\n        pass\n"),
    "exitstack_push": ("import contextlib\nwith contextlib.ExitStack() as stack:\n"
                       "    stack.push(lambda *exc: True)\n    while True:\n        pass\n"),
    "contextmanager_swallows": ("import contextlib\n@contextlib.contextmanager\ndef cm():\n"
                                "    try:\n        yield\n    except BaseException:\n        pass\n"
                                "with cm():\n    while True:\n        pass\n"),
    "generator_finally_loops_on": ("def g():\n    try:\n        yield 1\n        while True:\n"
                                   "            pass\n    finally:\n        print('cleanup')\n"
                                   "for x in g():\n    pass\n"),
    "recursion_caught": ("def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept BaseException:\n"
                         "    pass\n"),
    "memory_caught": "try:\n    x = 'a' * (10 ** 10)\nexcept BaseException:\n    pass\n",
    "output_caught": "try:\n    while True:\n        print('x' * 1000)\nexcept BaseException:\n    pass\n",
}


@pytest.mark.parametrize("name", sorted(SWALLOWERS))
def test_limit_cannot_be_swallowed(sandbox, name):
    out = sandbox.attack(SWALLOWERS[name] + SURVIVED, allowed_imports=["contextlib"],
                         cpython_escapes=None,
                         limits=safeexec.Limits(max_ops=20_000, timeout=3.0, max_output=50_000,
                                                max_memory=64 * 2**20, max_depth=100))
    if sandbox.backend == "ast":
        assert out.error is not None and out.error.is_a(safeexec.LimitExceeded), out.summary()


def test_stop_cannot_be_suppressed(sandboxed):
    sandboxed.require_backend()

    def final_answer(value):
        raise safeexec.Stop(value)

    code = ("import contextlib\nwith contextlib.suppress(BaseException):\n"
            "    final_answer('done')\nprint('suppressed')\n")
    result = safeexec.run(code, tools={"final_answer": final_answer},
                          allowed_imports=["contextlib"], backend=sandboxed.backend)
    assert result.stopped is True and result.value == "done"
    assert "suppressed" not in result.output
