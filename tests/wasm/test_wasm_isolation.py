"""Isolation: the guest reaches no file, socket, environment variable or host object, whatever
it does inside its own interpreter; the import policy still answers like the ast backend; and a
guest that forges protocol messages only confuses its own session."""
from __future__ import annotations

import os
import threading
import time

import pytest

import safeexec
from safeexec import CodeError, Limits, PolicyViolation

from .helpers import failure, run

pytestmark = pytest.mark.usefixtures("wasm")


@pytest.mark.parametrize("code", [
    "open('/etc/passwd').read()",
    "open('/etc/hostname')",
    "open('/tmp/safeexec-wasm-probe', 'w').write('x')",
    "import os\nos.listdir('/')",
    "import os\nos.listdir('.')",
    "import os\nos.stat('/proc/self/environ')",
])
def test_host_files_are_unreachable(code: str) -> None:
    err = failure(code, allowed_imports=["os"])
    assert isinstance(err, CodeError)
    assert err.exc_type in ("FileNotFoundError", "PermissionError", "OSError")
    assert not os.path.exists("/tmp/safeexec-wasm-probe")


def test_real_files_stay_unreadable_even_by_exact_path(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("host-file-secret")
    err = failure(f"open({str(secret)!r}).read()")
    assert err.exc_type == "FileNotFoundError" and "host-file-secret" not in str(err)


@pytest.mark.parametrize("code", [
    "import socket\nsocket.socket()",
    "import socket\nsocket.create_connection(('127.0.0.1', 80), timeout=1)",
    "import socket\nsocket.getaddrinfo('localhost', 80)",
])
def test_network_is_unreachable(code: str) -> None:
    err = failure(code, allowed_imports=["socket"])
    assert isinstance(err, CodeError)
    assert err.exc_type in ("OSError", "AttributeError", "socket.gaierror", "gaierror")


def test_environment_is_empty_of_host_secrets(monkeypatch) -> None:
    monkeypatch.setenv("SAFEEXEC_TEST_SECRET", "env-secret-value")
    env = run("import os\ndict(os.environ)", allowed_imports=["os"]).value
    assert env == {"PYTHONHASHSEED": "0"}


def test_no_processes() -> None:
    err = failure("import subprocess\nsubprocess.run(['ls'])", allowed_imports=["subprocess"])
    assert isinstance(err, CodeError)


def test_stdin_is_empty() -> None:
    err = failure("input('name? ')")
    assert err.exc_type == "EOFError"


def test_forbidden_import_is_a_policy_violation_listing_allowed_ones() -> None:
    err = failure("import math\nimport os", allowed_imports=["math", "json"])
    assert isinstance(err, PolicyViolation)
    assert str(err) == \
        "line 2, column 1: import of 'os' is not allowed; allowed imports: json, math"
    err = failure("from subprocess import run")
    assert "no imports are allowed" in str(err)


@pytest.mark.parametrize("code", [
    "print('before')\nexec('import os')",
    "print('before')\nimport importlib\nimportlib.import_module('csv')",
])
def test_runtime_imports_are_refused_too(code: str) -> None:
    err = failure(code, allowed_imports=["importlib"])
    assert isinstance(err, PolicyViolation) and err.output == "before\n"
    assert "import of '" in str(err)


def test_computed_dunder_import_reaches_only_guest_modules() -> None:
    # A computed __import__ call cannot be told apart from C code importing lazily (datetime's
    # _strptime), so it is let through: it reaches the guest's own os, which has no host files.
    err = failure("name = 'o' + 's'\n__import__(name).listdir('/')")
    assert isinstance(err, CodeError) and err.exc_type == "FileNotFoundError"


def test_refused_import_cannot_be_caught() -> None:
    code = ("try:\n    exec('import os')\nexcept BaseException:\n    print('caught')\n"
            "print('after')")
    err = failure(code)
    assert isinstance(err, PolicyViolation) and err.output == ""


def test_allowed_modules_import_their_own_dependencies() -> None:
    code = ("import json, datetime, fractions\n"
            "(json.loads('[1]'), str(datetime.datetime.strptime('2024-01-02', '%Y-%m-%d').date()),"
            " str(fractions.Fraction(3, 6)), 'x'.encode('cp1252'))")
    assert run(code, allowed_imports=["json", "datetime", "fractions"]).value == \
        ([1], "2024-01-02", "1/2", b"x")


def test_introspection_stays_inside_the_guest() -> None:
    # full CPython: reaching the guest's `os` through object graphs is possible, and harmless
    code = ("cls = [c for c in ().__class__.__base__.__subclasses__() "
            "if c.__name__ == '_wrap_close'][0]\n"
            "os = cls.__init__.__globals__['sys'].modules['os']\n"
            "(os.getpid(), sorted(os.environ))")
    pid, env = run(code).value
    assert pid != os.getpid() and env == ["PYTHONHASHSEED"]


@pytest.mark.parametrize("forgery", [
    "os.pwrite(0, b'not json', 0)",
    "os.pwrite(0, b'{\"op\": \"nonsense\"}', 0)",
    "os.pwrite(0, b'{\"op\": \"tool\", \"name\": \"t\", \"args\": 5, \"kwargs\": {}}', 0)",
    "os.pwrite(0, b'x' * 100, 1)\nprint('garbage buffer')",
    "os.pwrite(0, b'', 99)",
    "os.pread(5, 10, 0)",
])
def test_forged_protocol_messages_only_hurt_the_guest(forgery: str) -> None:
    with safeexec.Session(backend="wasm", allowed_imports=["os"], tools={"t": lambda: 1},
                          limits=Limits(timeout=3)) as s:
        try:
            s.run("import os\n" + forgery)
        except safeexec.SafeexecError:
            pass                            # any SafeexecError is fine; nothing else may escape
        assert s.run("21 * 2").value == 42


def test_host_stays_responsive_during_a_long_guest_run() -> None:
    ticks: list[float] = []
    done = threading.Event()

    def tick() -> None:
        while not done.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        with pytest.raises(safeexec.LimitExceeded):
            run("while True:\n    pass", limits=Limits(max_ops=10**12, timeout=1.0))
    finally:
        done.set()
        ticker.join()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 20 and max(gaps) < 0.5       # the GIL is free while wasm runs


def test_raw_writes_to_stdout_and_stderr_reach_nothing(capfd) -> None:
    result = run("import os\nos.write(1, b'RAW-OUT\\n')\nos.write(2, b'RAW-ERR\\n')\n"
                 "print('printed')", allowed_imports=["os"])
    assert result.output == "printed\n"
    captured = capfd.readouterr()
    assert "RAW-OUT" not in captured.out + captured.err and "RAW-ERR" not in captured.err
