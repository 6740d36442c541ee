"""Exceptions and tracebacks: __traceback__ -> tb_frame -> f_globals, chained causes from tools,
__exit__ receiving the traceback, AttributeError.obj (RestrictedPython CVE-2024-47532), except*
(RestrictedPython CVE-2025-22153), and exceptions that must never reach the host as themselves.
"""
from __future__ import annotations

import pytest

import safeexec

DEEPEST_TB = """
tb = e.__traceback__
while tb.tb_next is not None:
    tb = tb.tb_next
"""


def test_exception_traceback_tb_frame_builtins(sandbox):
    sandbox.attack("""
        try:
            1 / 0
        except ZeroDivisionError as e:
            e.__traceback__.tb_frame.f_builtins['open'](canary, 'w')
    """)


def test_tool_exception_traceback_reaches_host_globals(sandbox):
    sandbox.attack("""
try:
    explode(1)
except ValueError as e:""" + DEEPEST_TB.replace("\n", "\n    ") + """
    print(tb.tb_frame.f_globals['SECRET'])
""")


def test_tool_exception_cause_traceback(sandbox):
    sandbox.attack("""
        try:
            explode(1)
        except ValueError as e:
            print(e.__cause__.__traceback__.tb_frame.f_globals['SECRET'])
    """)


def test_tool_exception_context_traceback(sandbox):
    sandbox.attack("""
        try:
            explode(1)
        except ValueError as e:
            print(e.__context__.__traceback__.tb_frame.f_globals['SECRET'])
    """)


def test_stdlib_error_traceback_walk(sandbox):
    # json.loads fails deep inside json.decoder: its frames are host frames.
    sandbox.attack("""
import json
try:
    json.loads('{bad')
except ValueError as e:""" + DEEPEST_TB.replace("\n", "\n    ") + """
    tb.tb_frame.f_builtins['open'](canary, 'w')
""", allowed_imports=["json"])


def test_exit_receives_traceback(sandbox):
    sandbox.attack("""
        class Grab:
            def __enter__(self):
                return self
            def __exit__(self, tp, value, tb):
                tb.tb_frame.f_builtins['open'](canary, 'w')
                return True
        with Grab():
            1 / 0
    """)


def test_exit_receives_tool_traceback(sandbox):
    sandbox.attack("""
        class Grab:
            def __enter__(self):
                return self
            def __exit__(self, tp, value, tb):
                while tb.tb_next is not None:
                    tb = tb.tb_next
                print(tb.tb_frame.f_globals['SECRET'])
                return True
        with Grab():
            explode(1)
    """)


def test_cve_2024_47532_attributeerror_obj_real_module(sandbox):
    # A module proxy that forwards getattr lets e.obj hand back the real module.
    sandbox.attack("""
        import uuid
        try:
            uuid.no_such_name
        except AttributeError as e:
            e.obj.os.system("touch '%s'" % canary)
    """, allowed_imports=["uuid"])


def test_attributeerror_obj_through_string_formatter(sandbox):
    sandbox.attack("""
        import string, uuid
        try:
            string.Formatter().get_field('0.no_such_name', (uuid,), {})
        except AttributeError as e:
            e.obj.os.system("touch '%s'" % canary)
    """, allowed_imports=["string", "uuid"])


def test_attributeerror_obj_on_tool_instance(sandbox):
    sandbox.attack("""
        try:
            web_search.no_such_field
        except AttributeError as e:
            print(e.obj.api_key)
    """)


def test_cve_2025_22153_except_star_traceback(sandbox):
    sandbox.attack("""
        try:
            raise ExceptionGroup('g', [ValueError('x')])
        except* ValueError as group:
            group.__traceback__.tb_frame.f_builtins['open'](canary, 'w')
    """)


def test_except_star_tool_exception_frames(sandbox):
    sandbox.attack("""
        try:
            explode(1)
        except* ValueError as group:
            tb = group.exceptions[0].__traceback__
            while tb.tb_next is not None:
                tb = tb.tb_next
            print(tb.tb_frame.f_globals['SECRET'])
    """)


def test_exception_group_split_keeps_host_traceback(sandbox):
    sandbox.attack("""
        try:
            explode(1)
        except ValueError as e:
            group = ExceptionGroup('g', [e])
        match, rest = group.split(ValueError)
        tb = match.exceptions[0].__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        print(tb.tb_frame.f_globals['SECRET'])
    """)


def test_with_traceback_grafts_frame(sandbox):
    sandbox.attack("""
        try:
            explode(1)
        except ValueError as e:
            tb = e.__cause__.__traceback__
        grafted = RuntimeError('x').with_traceback(tb)
        print(grafted.__traceback__.tb_frame.f_globals['SECRET'])
    """)


@pytest.mark.parametrize("raise_stmt", ["raise SystemExit(0)", "raise KeyboardInterrupt",
                                        "raise GeneratorExit", "exit(3)", "quit()"])
def test_process_exits_do_not_reach_host(sandboxed, raise_stmt):
    """These must come back as a SafeexecError, never as themselves: a SystemExit reaching
    the host would stop an agent (the harness fails on anything but SafeexecError)."""
    out = sandboxed.attack(raise_stmt, expect="any")
    if sandboxed.backend == "ast":
        assert out.error is not None and out.error.is_a(safeexec.SafeexecError)


# -- the same routes with computed names: the runtime guard, not the static checker, must stop them
def test_except_star_traceback_computed_names(sandbox):
    sandbox.attack("""
        try:
            explode(1)
        except* ValueError as group:
            tb = getattr(group.exceptions[0], '__trace' + 'back__')
            while getattr(tb, 'tb_' + 'next') is not None:
                tb = getattr(tb, 'tb_' + 'next')
            print(getattr(getattr(tb, 'tb_' + 'frame'), 'f_' + 'globals')['SECRET'])
    """)


def test_exit_traceback_computed_names(sandbox):
    sandbox.attack("""
        class Grab:
            def __enter__(self):
                return self
            def __exit__(self, tp, value, tb):
                frame = getattr(tb, 'tb_' + 'frame')
                getattr(frame, 'f_' + 'builtins')['open'](canary, 'w')
                return True
        with Grab():
            1 / 0
    """)


def test_attributeerror_obj_computed_name(sandbox):
    sandbox.attack("""
        import uuid
        try:
            uuid.no_such_name
        except AttributeError as e:
            getattr(e, 'o' + 'bj').os.system("touch '%s'" % canary)
    """, allowed_imports=["uuid"])


def test_exception_context_computed_name(sandbox):
    sandbox.attack("""
        try:
            explode(1)
        except ValueError as e:
            inner = getattr(e, '__con' + 'text__')
            tb = getattr(inner, '__trace' + 'back__')
            print(getattr(getattr(tb, 'tb_' + 'frame'), 'f_' + 'globals')['SECRET'])
    """)


# -- the boundary: turning an uncaught sandbox exception into a CodeError reads its text, which
# -- runs the sandbox's own __str__/__repr__. That code must stay inside the sandbox's rules:
# -- whatever it raises or however long it runs, the host gets a SafeexecError.
BOUNDARY_LIMITS = safeexec.Limits(max_ops=50_000, timeout=2.0)
BOUNDARY_HOOKS = {
    "str_raises_system_exit": ("class E(Exception):\n    def __str__(self):\n"
                               "        raise SystemExit(3)\nraise E()\n"),
    "str_raises_keyboard_interrupt": ("class E(Exception):\n    def __str__(self):\n"
                                      "        raise KeyboardInterrupt\nraise E()\n"),
    "str_loops": ("class E(Exception):\n    def __str__(self):\n        while True:\n"
                  "            pass\nraise E()\n"),
    "str_builds_huge_text": ("class E(Exception):\n    def __str__(self):\n"
                             "        return 'x' * (10 ** 8)\nraise E()\n"),
    "arg_repr_loops": ("class V:\n    def __repr__(self):\n        while True:\n            pass\n"
                       "raise ValueError(V())\n"),
    "arg_str_raises_system_exit": ("class S:\n    def __str__(self):\n        raise SystemExit(3)\n"
                                   "raise ValueError(S())\n"),
    "keyerror_key_repr_loops": ("class K:\n    def __repr__(self):\n        while True:\n"
                                "            pass\n    def __hash__(self):\n        return 1\n"
                                "{}[K()]\n"),
}


@pytest.mark.parametrize("hook", sorted(BOUNDARY_HOOKS))
def test_uncaught_exception_text_hooks_stay_sandboxed(sandbox, hook):
    sandbox.attack(BOUNDARY_HOOKS[hook], cpython_escapes=None, limits=BOUNDARY_LIMITS)


@pytest.mark.parametrize("code", [
    "class E(Exception):\n    def __str__(self):\n        raise ValueError('nested')\nraise E()\n",
    "class E(Exception):\n    def __str__(self):\n        return 5\nraise E()\n",
])
def test_uncaught_exception_text_errors_are_reported(sandbox, code):
    # CPython prints "<exception str() failed>"; the host must get a CodeError, not the inner error.
    out = sandbox.attack(code, cpython_escapes=None, limits=BOUNDARY_LIMITS)
    if sandbox.backend == "ast":
        assert out.error.is_a(safeexec.CodeError)
