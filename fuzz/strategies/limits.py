"""Programs that spend resources: counted loops, endless loops, C-level consumers, big allocations
and deep structures, for the limit properties in test_limits.py.

`counted_loop(n)` is a template with one hole for the iteration count, so the property can rerun
the same program with fewer iterations and compare op counts. Hazards come from
ATTACK-SURFACE.md sections 3 and 5: each is small source that would run for minutes, allocate
gigabytes or crash the host if a limit were missing.

Trap: hazards are placed in contexts that try to defeat the limit (a swallowing `try` in a loop,
a `finally`, a generator, a sandbox method called from C) as well as bare.
"""
from __future__ import annotations

from hypothesis import strategies as st

# -- counted loops: `{n}` is the iteration count; each iteration ends by printing its index ------
LOOP_BODIES = [
    "acc = (acc * 31 + i) % 1000003",
    "items.append(i * i)",
    "acc += helper(i)",
    "acc += sum(range(i % 50))",
    "acc += len(sorted(items[-20:]))",
    "acc += len(''.join(str(v) for v in range(i % 7)))",
    "acc += len([v for v in range(i % 30) if v % 3])",
    "for j in range(i % 5):\n        acc += j",
    "acc += max(items or [0]) if i % 2 else min(items or [0])",
    "acc += obj.step(i)",
    "acc += len(str(acc))",
    "acc += len(text.split(','))",
]

LOOP_PRELUDE = """acc = 0
items = []
text = 'a,b,c,d'
def helper(v):
    return v % 7 + 1
class Counter:
    def __init__(self):
        self.total = 0
    def step(self, v):
        self.total += v
        return self.total % 11
obj = Counter()
"""


@st.composite
def counted_loops(draw) -> str:
    """A loop template: `.format(n=...)` gives the program with n iterations."""
    bodies = draw(st.lists(st.sampled_from(LOOP_BODIES), min_size=1, max_size=3))
    body = "\n".join("    " + b for b in bodies)
    kind = draw(st.sampled_from(["for", "while", "comprehension", "function"]))
    if kind == "while":
        loop = f"i = 0\nwhile i < {{n}}:\n{body}\n    print(i)\n    i += 1\n"
    elif kind == "comprehension":
        loop = ("def one(i):\n    global acc\n" + body.replace("\n    ", "\n    ") +
                "\n    print(i)\n    return i\nresult = [one(i) for i in range({n})]\n")
    elif kind == "function":
        loop = ("def run(count):\n    global acc\n    for i in range(count):\n" +
                "\n".join("    " + line for line in body.splitlines()) +
                "\n        print(i)\nrun({n})\n")
    else:
        loop = f"for i in range({{n}}):\n{body}\n    print(i)\n"
    return (LOOP_PRELUDE + loop).replace("{", "{{").replace("}", "}}").replace("{{n}}", "{n}")


# -- time hazards: never finish in time unless the interpreter stops them --------------------------
TIME_HAZARDS = [
    "while True:\n    pass",
    "while True:\n    x = [i for i in range(100)]",
    "sum(itertools.count())", "max(itertools.count())", "any(itertools.repeat(0))",
    "-1 in itertools.count()", "collections.deque(itertools.count(), maxlen=0)",
    "next(filter(None, itertools.repeat(0)))", "next(itertools.islice(itertools.count(), 10**12, None))",
    "sum(range(10**12))", "0.5 in range(10**12)", "sum(1 for _ in itertools.count())",
    "for x in itertools.product(range(10), repeat=12):\n    pass",
    "len(list(itertools.permutations(range(20))))", "sum(itertools.combinations(range(60), 30), ())",
    "re.match('(a+)+$', 'a' * 40 + 'b')", "re.search('a*a*b', 'a' * 20000)",
    "math.factorial(10**7)", "pow(3, 1 << 10**6, (1 << 4000) + 1)",
    "(1 << 10**7) // ((1 << 10**6) + 1)", "sorted(range(10**7), key=lambda v: -v)",
    "time.sleep(100)", "decimal.getcontext().prec = 100000\ndecimal.Decimal(2).ln()",
    "fractions.Fraction('1e100000000')", "int(decimal.Decimal('1e1000000000'))",
    "hashlib.pbkdf2_hmac('sha256', b'p', b's', 10**9)", "sum([[0]] * 10**6, [])",
    "def f():\n    while True:\n        yield 1\nsum(f())", "list(map(lambda v: v, itertools.count()))",
    "sorted([Slow() for _ in range(2000)])", "x = 10 ** 10 ** 7", "str(7 ** 10 ** 6)",
    "statistics.mean([decimal.Decimal('1e100000000')])",
]

SLOW_CLASS = ("class Slow:\n    def __lt__(self, other):\n        n = 0\n        while n < 100000:\n"
              "            n += 1\n        return False\n")

CONTEXTS = [
    "{h}",
    "while True:\n    try:\n{h8}\n    except BaseException:\n        pass",
    "try:\n{h4}\nfinally:\n    while True:\n        pass",
    "def g():\n{h4}\n    yield 1\nlist(g())",
    "class K:\n    def __eq__(self, other):\n{h8}\n        return True\n[1, K()].count(K())",
    "def f(n):\n{h4}\n    return n\nsorted([3, 1, 2], key=f)",
    "try:\n{h4}\nexcept BaseException as e:\n    print('caught', e)\n    while True:\n        pass",
]


def _indent(src: str, by: int) -> str:
    return "\n".join(" " * by + line for line in src.splitlines())


@st.composite
def time_hazards(draw) -> str:
    hazard = draw(st.sampled_from(TIME_HAZARDS))
    context = draw(st.sampled_from(CONTEXTS))
    body = context.replace("{h4}", _indent(hazard, 4)).replace("{h8}", _indent(hazard, 8)) \
        .replace("{h}", hazard)
    prelude = "import itertools, collections, re, math, time, decimal, fractions, hashlib, statistics\n"
    return prelude + (SLOW_CLASS if "Slow()" in body else "") + body + "\n"


# -- memory hazards: one big allocation, or growth ------------------------------------------------
ALLOCATIONS = [
    "'a' * {n}", "[0] * {n}", "bytes({n})", "bytearray({n})", "2 ** {n}", "1 << {n}",
    "'x'.ljust({n})", "'x'.center({n})", "'7'.zfill({n})", "'{{:{n}}}'.format(1)",
    "f'{{1:{{{n}}}}}'", "'%{n}d' % 1", "list(range({n}))", "(0).to_bytes({n}, 'big')",
    "('a' * 1000).replace('', 'b' * ({n} // 1000))", "('x' * ({n} // 1000)).join('a' * 1000)",
    "('\\t' * 2).expandtabs({n})", "format(1.0, '.{n}f')", "'%.*f' % ({n}, 1.0)",
    "set(range({n}))", "dict.fromkeys(range({n}))", "random.randbytes({n})",
    "list(itertools.repeat('x', {n}))", "[[0] * 1000 for _ in range({n} // 1000)]",
    "tuple(range({n}))", "sorted(range({n}))", "''.join(itertools.repeat('a', {n}))",
    "b'ab' * {n}", "[bytes(1000) for _ in range({n} // 1000)]", "str(10 ** ({n} // 1000))",
    "'ab'.translate({{97: 'b' * ({n} // 2)}})", "re.sub('', 'x' * 1000, 'a' * ({n} // 1000))",
]

GROWTH = [
    "s = 'a'\nwhile True:\n    s += s",
    "l = [0]\nwhile True:\n    l = l + l",
    "l = []\nwhile True:\n    l.append('x' * 1000)",
    "d = {}\ni = 0\nwhile True:\n    d[i] = str(i) * 100\n    i += 1",
    "x = 1\nwhile True:\n    x = x * x + 1",
    "l = []\nwhile True:\n    l.extend(range(1000))",
    "s = {0}\nwhile True:\n    s = s | {len(s)}",
]


@st.composite
def memory_hazards(draw) -> str:
    if draw(st.integers(0, 4)) == 0:
        body = draw(st.sampled_from(GROWTH))
    else:
        exponent = draw(st.floats(3, 11.5))
        body = "x = " + draw(st.sampled_from(ALLOCATIONS)).format(n=int(10 ** exponent))
    return "import itertools, random, re\n" + body + "\n"


# -- deep structures: built cheaply in the sandbox, crash C code that recurses ------------------
DEEP_BUILDERS = [
    ("t = ()\nfor i in range({n}):\n    t = (t,)", ["hash(t)", "t == t", "repr(t)", "{t}", "str(t)"]),
    ("l = []\nfor i in range({n}):\n    l = [l]", ["repr(l)", "l == l", "str(l)", "import json\njson.dumps(l)",
                                                  "import copy\ncopy.deepcopy(l)"]),
    ("d = {{}}\nfor i in range({n}):\n    d = {{'k': d}}", ["repr(d)", "d == d", "import json\njson.dumps(d)"]),
    ("f = frozenset()\nfor i in range({n}):\n    f = frozenset([f])", ["hash(f)", "repr(f)", "f == f"]),
    ("it = iter([1])\nfor i in range({n}):\n    it = {adapter}", ["next(it)", "list(it)", "del it"]),
    ("e = None\nfor i in range({n}):\n    try:\n        raise ValueError(i) from e\n"
     "    except ValueError as err:\n        e = err", ["repr(e)", "raise e"]),
    ("", ["import json\njson.loads('[' * {n} + ']' * {n})"]),
]
ADAPTERS = ["map(abs, it)", "filter(None, it)", "zip(it)", "enumerate(it)",
            "itertools.islice(it, None)", "itertools.chain(it)", "reversed(list(it))"]


@st.composite
def deep_structures(draw) -> str:
    builder, uses = draw(st.sampled_from(DEEP_BUILDERS))
    n = draw(st.sampled_from([20_000, 70_000, 140_000, 300_000, 600_000]))
    build = builder.format(n=n, adapter=draw(st.sampled_from(ADAPTERS)))
    use = draw(st.sampled_from(uses)).format(n=n)
    return "import itertools\n" + build + "\n" + use + "\n"
