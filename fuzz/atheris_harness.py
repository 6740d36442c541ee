"""Coverage-guided fuzzing of safeexec's parser, compiler and guards with atheris (libFuzzer).

    pip install -e '.[fuzz]'
    python -m fuzz.atheris_harness -atheris_runs=200000 -max_len=2000 [corpus_dir]

Each input becomes a program: mostly the bytes as UTF-8 text, sometimes a splice of Python tokens
chosen by the input (libFuzzer finds token-level structure slowly on its own). The invariants are
the robustness property's: `safeexec.run` returns a Result or raises a SafeexecError, a ParseError
comes exactly when CPython's compile() rejects the program, and nothing else escapes. A violation
raises, which atheris reports as a crash with the input saved to `crash-*`; findings already
reported (fuzz/known.py) are let through so the run goes on.

Traps: atheris instruments only modules imported inside `instrument_imports()`, so safeexec is
imported there; the limits are small so libFuzzer keeps thousands of executions per second.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
import warnings

import atheris

with atheris.instrument_imports(include=["safeexec"]):
    import safeexec
    import safeexec.interp as _interp   # the backend imports lazily: pull every module in now

    for _module in pkgutil.walk_packages(_interp.__path__, "safeexec.interp."):
        importlib.import_module(_module.name)

from fuzz.known import known_finding  # noqa: E402 - after instrumentation, on purpose

LIMITS = safeexec.Limits(max_ops=10_000, timeout=0.5, max_memory=64 * 2**20, max_output=10_000,
                         max_depth=50)
IMPORTS = ["math", "json", "re", "collections", "itertools", "functools", "string", "operator"]
TOKENS = [
    "x", "y", "f", "C", "self", "print", "getattr", "type", "object", "lambda", "def ", "class ",
    "return ", "yield ", "for ", " in ", "while ", "if ", "else", "try:", "except", "finally:",
    "with ", " as ", "import ", "from ", "match ", "case ", "global ", "nonlocal ", "del ", "raise ",
    "async ", "await ", "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", ":=", "+", "*", "**", "@",
    "'", '"', "f'", "{0.", "__class__", "__globals__", "__subclasses__", "gi_frame", "f_back",
    "__init__", "__dict__", "mro", "1", "0", "10**9", "\n", "\n    ", "\n        ", "#",
]


def cpython_compiles(program: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(program, "<fuzz>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return False
    return True


def program_from(data: bytes) -> str:
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeIntInRange(0, 3) == 0:
        return "".join(TOKENS[fdp.ConsumeIntInRange(0, len(TOKENS) - 1)]
                       for _ in range(fdp.ConsumeIntInRange(0, 60)))
    return fdp.ConsumeUnicodeNoSurrogates(len(data))


def test_one_input(data: bytes) -> None:
    program = program_from(data)
    try:
        safeexec.run(program, allowed_imports=IMPORTS, limits=LIMITS)
        parse_error = False
    except safeexec.ParseError:
        parse_error = True
    except safeexec.SafeexecError:
        parse_error = False
    # anything else propagates: atheris reports it as a crash
    if parse_error == cpython_compiles(program):
        problem = ("ParseError for a program CPython compiles" if parse_error else
                   "CPython rejects this program but safeexec did not raise ParseError")
        if not known_finding(program, [problem]):
            raise AssertionError(f"{problem}: {program!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
