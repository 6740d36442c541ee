"""Sessions: names persist between runs, so an attack can plant something in one run and use it
in the next, or leave objects whose dunder methods the host will call later (time bombs).
`between` is host code run after each snippet, as an agent loop would run it.
"""
from __future__ import annotations

import gc

import pytest

import safeexec

from . import host_tools
from .harness import Hung, alarm

BOMB_LIMITS = safeexec.Limits(timeout=1.0)


def test_session_planted_import_hook(sandbox):
    sandbox.attack_session([
        "__import__ = lambda *a, **k: None",
        "import os\nos.system(\"touch '%s'\" % canary)",
    ])


def test_session_rebound_print_does_not_reach_host(sandbox):
    out = sandbox.attack_session([
        "print = lambda *a, **k: None",
        "print('hidden')\nlen = str",
        "len(7)",
    ], expect="any", cpython_escapes=False)
    if sandbox.backend == "ast" and not out.errors:
        assert out.values[-1] == "7"


def test_session_stashed_generator_frame_used_later(sandbox):
    sandbox.attack_session([
        "g = (x for x in [1])",
        "frame = g.gi_frame",
        "frame.f_builtins['open'](canary, 'w')",
    ])


def _host_calls(name: str) -> object:
    def step(variables: dict) -> None:
        fn = variables.get(name)
        if fn is None:
            return
        try:
            fn()
        except Exception:   # the sandbox's own error, reported back to the host: fine
            pass
    return step


def test_session_host_calls_sandbox_function(sandbox):
    # The host calling a sandbox function (outside any run) must not lift the guards.
    sandbox.attack_session([
        "stash = []\ndef grab():\n    stash.append(getattr(search, '__glo' + 'bals__')['SECRET'])",
        "print(stash)",
    ], between=_host_calls("grab"), expect="any")


def test_user_eq_receives_host_object(sandbox):
    # A host comparison hands the host object to sandbox code; the next run tries to use it.
    def compare(variables: dict) -> None:
        spy = variables.get("spy")
        if spy is not None:
            try:
                spy == host_tools.client
            except Exception:
                pass

    sandbox.attack_session([
        "stash = []\nclass Spy:\n    def __eq__(self, other):\n        stash.append(other)\n"
        "        return False\nspy = Spy()",
        "print(stash[0].api_key)",
    ], between=compare)


def test_user_eq_receives_host_object_during_run(sandbox):
    # `remember` does `item in records`: CPython hands each host record to the sandbox's __eq__.
    sandbox.known_escape("ast", "a host object passed by host code into a sandbox dunder "
                         "(__eq__ from list.__contains__) is readable by the generic attribute rule")
    sandbox.attack("""
        stash = []
        class Spy:
            def __eq__(self, other):
                stash.append(other)
                return False
            __hash__ = None
        remember(Spy())
        print(stash[0].api_key)
    """)


@pytest.mark.parametrize("trigger", ["repr", "eq", "hash", "bool", "del"])
def test_time_bomb_called_by_host_after_run(sandboxed, trigger):
    """A sandbox object's dunder, called by the host after the run, must not hang the host:
    the limits still bound it, and what comes back is an ordinary error at worst."""
    sandboxed.require_backend()
    method = {"repr": "__repr__", "eq": "__eq__", "hash": "__hash__", "bool": "__bool__",
              "del": "__del__"}[trigger]
    params = "self, other" if trigger == "eq" else "self"
    code = f"class Bomb:\n    def {method}({params}):\n        while True:\n            pass\nbomb = Bomb()"
    with safeexec.Session(tools=host_tools.tools(), variables=sandboxed.variables,
                          limits=BOMB_LIMITS, backend=sandboxed.backend) as session:
        try:
            session.run(code)
        except safeexec.PolicyViolation:
            return   # the policy refuses to define this hook at all: nothing to trigger
        bomb = session.variables.get("bomb")
        try:
            with alarm(BOMB_LIMITS.timeout + 4):
                if trigger == "repr":
                    repr(bomb)
                elif trigger == "eq":
                    bomb == 1
                elif trigger == "hash":
                    hash(bomb)
                elif trigger == "bool":
                    bool(bomb)
                else:
                    del bomb
                    session.run("bomb = None")
                    gc.collect()
        except Hung:
            pytest.fail(f"the host hung in the sandbox's {method}")
        except Exception:
            pass   # an error (ideally a SafeexecError) is acceptable; hanging is not
        except BaseException as exc:   # noqa: BLE001
            pytest.fail(f"{type(exc).__name__} reached the host from {method}: {exc!r}")


def test_stop_from_tool_cannot_be_caught(sandboxed):
    sandboxed.require_backend()

    def final_answer(value):
        raise safeexec.Stop(value)

    code = """
caught = []
for handler in range(2):
    try:
        final_answer('done')
    except BaseException:
        caught.append(handler)
print('caught', caught)
"""
    result = safeexec.run(code, tools={"final_answer": final_answer}, backend=sandboxed.backend)
    assert result.stopped is True
    assert result.value == "done"
    assert "caught" not in result.output
