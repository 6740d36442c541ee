"""Tools on the wasm backend: JSON-like values both ways, exceptions re-raised in the guest with
the same builtin type and message, Stop ending the run, and tools running on the caller's thread."""
from __future__ import annotations

import threading
import time

import pytest

import safeexec
from safeexec import CodeError, Limits, LimitExceeded, Stop

from .helpers import failure, run

pytestmark = pytest.mark.usefixtures("wasm")


def test_arguments_and_results_round_trip() -> None:
    seen = []

    def echo(*args, **kwargs):
        seen.append((args, kwargs))
        return {"args": args, "kwargs": kwargs, "set": {1, 2}, "bytes": b"\x00"}

    result = run("r = echo(1, 'two', (3, 4.5), None, flag=True, blob=b'xy', big=2 ** 100)\n"
                 "(type(r['args']).__name__, r['args'][2], r['kwargs']['big'], r['set'], "
                 "r['bytes'])", tools={"echo": echo})
    assert seen == [((1, "two", (3, 4.5), None), {"flag": True, "blob": b"xy", "big": 2**100})]
    assert result.value == ("tuple", (3, 4.5), 2**100, {1, 2}, b"\x00")


def test_arguments_that_cannot_cross_raise_type_error_in_the_guest() -> None:
    calls = []
    code = ("try:\n    send(lambda: 0)\nexcept TypeError as e:\n    msg = str(e)\nmsg")
    result = run(code, tools={"send": calls.append})
    assert calls == [] and "send" in result.value and "function" in result.value


def test_results_that_cannot_cross_raise_type_error_in_the_guest() -> None:
    err = failure("get()", tools={"get": lambda: object()})
    assert isinstance(err, CodeError) and err.exc_type == "TypeError"
    assert "'get'" in err.message and "object" in err.message


@pytest.mark.parametrize("exc", [
    ValueError("bad url: x://"), KeyError("k"), FileNotFoundError(2, "No such file"),
    ZeroDivisionError("division by zero"), TypeError("wrong", 3), IndexError(),
])
def test_tool_exceptions_keep_builtin_type_and_message(exc: Exception) -> None:
    def fail():
        raise exc

    code = (f"try:\n    fail()\nexcept {type(exc).__name__} as e:\n"
            f"    caught = (type(e).__name__, str(e), e.args)\ncaught")
    result = run(code, tools={"fail": fail})
    assert result.value == (type(exc).__name__, str(exc), exc.args)


def test_non_builtin_exceptions_become_runtime_error() -> None:
    class QuotaError(ValueError):
        pass

    def fail():
        raise QuotaError("over quota")

    err = failure("fail()", tools={"fail": fail})
    assert (err.exc_type, err.message) == ("RuntimeError", "QuotaError: over quota")


def test_tool_exception_carries_nothing_of_the_host() -> None:
    secret = "host-secret-" + str(id(object()))

    def fail():
        local = secret  # noqa: F841 - a host frame local that must not reach the guest
        raise ValueError("plain")

    code = ("try:\n    fail()\nexcept ValueError as e:\n    tb, seen = e.__traceback__, []\n"
            "    while tb:\n        seen.append(repr(tb.tb_frame.f_locals))\n"
            "        tb = tb.tb_next\n"
            "    seen += [repr(e.__cause__), repr(e.__context__), repr(e.args)]\n' '.join(seen)")
    text = run(code, tools={"fail": fail}).value
    assert "plain" in text and secret not in text


STOP_CASES = [
    "print('thinking')\nfinal_answer({'answer': 42})\nprint('after')",
    "print('thinking')\ntry:\n    final_answer({'answer': 42})\nexcept BaseException:\n"
    "    print('caught')\nprint('after')",
    "print('thinking')\ndef f():\n    try:\n        final_answer({'answer': 42})\n    finally:\n"
    "        return 'swallowed'\nprint('after', f())",
    "print('thinking')\nfor i in range(3):\n    try:\n        final_answer({'answer': 42})\n"
    "    finally:\n        continue\nprint('after')",
    "print('thinking')\ntry:\n    final_answer({'answer': 42})\nexcept BaseException:\n"
    "    while True:\n        pass",
]


@pytest.mark.parametrize("code", STOP_CASES)
def test_stop_ends_the_run_and_cannot_be_resumed(code: str) -> None:
    answers = []

    def final_answer(value):
        answers.append(value)
        raise Stop(value)

    started = time.monotonic()
    result = run(code, tools={"final_answer": final_answer}, limits=Limits(timeout=10))
    assert result.stopped is True and result.value == {"answer": 42}
    assert result.output == "thinking\n"
    assert len(answers) == 1
    assert time.monotonic() - started < 5


def test_stop_value_is_the_host_object_itself() -> None:
    marker = object()

    def done():
        raise Stop(marker)

    assert run("done()", tools={"done": done}).value is marker


def test_session_continues_after_stop() -> None:
    def done(v):
        raise Stop(v)

    with safeexec.Session(backend="wasm", tools={"done": done}) as s:
        s.run("x = 41")
        assert s.run("done(x + 1)").value == 42
        assert s.run("x").value == 41


def test_tools_run_on_the_callers_thread() -> None:
    threads = []
    run("where()\nwhere()", tools={"where": lambda: threads.append(threading.get_ident())})
    assert threads == [threading.get_ident()] * 2


def test_time_in_tools_counts_against_the_timeout() -> None:
    with safeexec.Session(backend="wasm", tools={"nap": lambda: time.sleep(0.2)},
                          limits=Limits(timeout=0.5)) as s:
        s.run("None")
        started = time.monotonic()
        with pytest.raises(LimitExceeded) as err:
            s.run("for i in range(10):\n    nap()")
        assert err.value.limit == "time"
        assert time.monotonic() - started < 2


def test_keyboard_interrupt_in_a_tool_reaches_the_host_and_the_session_recovers() -> None:
    def interrupt():
        raise KeyboardInterrupt

    with safeexec.Session(backend="wasm", tools={"interrupt": interrupt}) as s:
        s.run("x = 1")
        with pytest.raises(KeyboardInterrupt):
            s.run("interrupt()")
        assert s.run("2 + 2").value == 4       # a fresh guest: the old one was abandoned


def test_unknown_tool_name_forged_by_the_guest_is_refused() -> None:
    calls = []
    code = ("import os, json\n"
            "msg = json.dumps({'op': 'tool', 'name': 'absent', 'args': [], 'kwargs': {}})\n"
            "os.pwrite(0, msg.encode(), 0)\n"
            "n = int.from_bytes(os.pread(0, 8, 0), 'little')\njson.loads(os.pread(0, n, 8))")
    result = run(code, allowed_imports=["os", "json"], tools={"real": calls.append})
    assert result.value["raise"]["type"] == "NameError" and calls == []
