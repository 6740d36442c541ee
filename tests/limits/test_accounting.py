"""Ops accounting is deterministic and exact: the same program reports the same Result.ops on
every run, and a budget of N ops lets a program that needs exactly N finish while N - 1 stops it.
These programs are finite, so they run in-process."""
from __future__ import annotations

import pytest

import safeexec

PROGRAMS = {
    "loop": "total = 0\nfor i in range(2000):\n    total += i * i\ntotal",
    "calls": "def f(n):\n    return n if n < 2 else f(n - 1) + f(n - 2)\nf(15)",
    "comprehensions": "sum([x * 2 for x in range(1000) if x % 3]) + len({x for x in range(500)})",
    "builtins_consuming": "sorted(range(3000), key=lambda x: -x)[0] + sum(range(10**4)) "
                          "+ max(map(abs, range(-500, 500)))",
    "generators": "def gen(n):\n    for i in range(n):\n        yield i\nsum(gen(3000))",
    "strings": "s = ''\nfor i in range(300):\n    s += str(i)\nlen(s.replace('1', 'one'))",
    "big_allocations": "x = 'a' * 10**6\ny = [0] * 10**5\nz = 3 ** 10**4\nlen(x) + len(y)",
    "exceptions": "n = 0\nfor i in range(500):\n    try:\n        1 / (i % 7)\n"
                  "    except ZeroDivisionError:\n        n += 1\nn",
}
ROOM = safeexec.Limits(max_ops=10**8, timeout=30.0)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_program_same_ops(name):
    first = safeexec.run(PROGRAMS[name], limits=ROOM)
    second = safeexec.run(PROGRAMS[name], limits=ROOM)
    assert first.ops > 0
    assert first.ops == second.ops
    assert first.value == second.value


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_budget_of_exactly_the_ops_needed(name):
    needed = safeexec.run(PROGRAMS[name], limits=ROOM)
    exact = safeexec.Limits(max_ops=needed.ops, timeout=30.0)
    assert safeexec.run(PROGRAMS[name], limits=exact).value == needed.value
    short = safeexec.Limits(max_ops=needed.ops - 1, timeout=30.0)
    with pytest.raises(safeexec.LimitExceeded) as info:
        safeexec.run(PROGRAMS[name], limits=short)
    assert info.value.limit == "ops"


@pytest.mark.parametrize("budget", [1, 10, 1000, 12345])
def test_budget_of_n_ops_stops_within_n(budget):
    # every iteration costs at least one op, so at most `budget` lines can be printed
    code = "i = 0\nwhile True:\n    i += 1\n    print(i)"
    with pytest.raises(safeexec.LimitExceeded) as info:
        safeexec.run(code, limits=safeexec.Limits(max_ops=budget, timeout=30.0))
    assert info.value.limit == "ops"
    printed = info.value.output.split()
    assert len(printed) <= budget
    assert printed == [str(i) for i in range(1, len(printed) + 1)]


def test_ops_grow_with_the_work():
    small = safeexec.run("for i in range(1000):\n    pass", limits=ROOM).ops
    large = safeexec.run("for i in range(10000):\n    pass", limits=ROOM).ops
    assert 9 * small <= large <= 11 * small
