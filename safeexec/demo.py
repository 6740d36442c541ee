"""`python -m safeexec.demo`: safeexec.run on sample untrusted code, printed with rich if present.

Three runs: a normal run, a blocked import (with the message an LLM would see), and a limit hit.
"""
from __future__ import annotations

import textwrap

import safeexec

SAMPLES = [
    ("a normal run", ["math"], safeexec.Limits(), """
        import math

        def primes(n):
            sieve = [True] * (n + 1)
            for i in range(2, int(math.sqrt(n)) + 1):
                if sieve[i]:
                    for j in range(i * i, n + 1, i):
                        sieve[j] = False
            return [i for i in range(2, n + 1) if sieve[i]]

        found = primes(50)
        print(f"{len(found)} primes below 50, the last is {found[-1]}")
        sum(found)
    """),
    ("a blocked import", ["math", "json"], safeexec.Limits(), """
        import os
        os.system("rm -rf /")
    """),
    ("a limit hit", [], safeexec.Limits(max_ops=100_000, timeout=2.0), """
        n = 0
        while True:
            n += 1
    """),
    ("an escape attempt", [], safeexec.Limits(), """
        g = (x for x in [1])
        frame = getattr(g, "gi_" + "frame")
        print(frame.f_back.f_globals)
    """),
]


def main() -> None:
    for title, imports, limits, code in SAMPLES:
        code = textwrap.dedent(code).strip()
        print(f"=== {title} (allowed imports: {', '.join(imports) or 'none'}) ===")
        print(textwrap.indent(code, "    "))
        try:
            r = safeexec.run(code, allowed_imports=imports, limits=limits)
        except safeexec.SafeexecError as e:
            print(f"--> {type(e).__name__}: {e}")
            if getattr(e, "output", ""):
                print(f"    output before it: {e.output!r}")
        else:
            print(f"--> output: {r.output!r}")
            print(f"    value: {r.value!r}, ops: {r.ops:,}, took {r.duration * 1000:.2f} ms")
        print()


if __name__ == "__main__":
    main()
