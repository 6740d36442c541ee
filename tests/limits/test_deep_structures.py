"""Deep structures and deep source: CPython segfaults on some of them even at its default
recursion limit (hash of a 133,000-deep tuple, next() through 67,000 nested maps, deallocating
542,000 nested enumerates; ATTACK-SURFACE.md §5). The host must survive: the run ends with
LimitExceeded or a CodeError (RecursionError), never a crash, and source too deep or too large
for the parser is refused with a clear ParseError or PolicyViolation."""
from __future__ import annotations

import pytest

import safeexec

from .harness import assert_bounded, case, params

DEEP = safeexec.Limits(timeout=5.0, max_memory=128 * 2**20, max_ops=10**7)


def nest(build: str, n: int, use: str) -> str:
    """Source that wraps `x` n times with `build` (an expression of x), then evaluates `use`."""
    return f"x = {build.split('|')[0]}\nfor _ in range({n}):\n    x = {build.split('|')[1]}\n{use}"


DEEP_VALUES = [
    case("hash_deep_tuple", nest("()|(x,)", 200_000, "hash(x)"), limits=DEEP),
    case("set_of_deep_tuple", nest("()|(x,)", 200_000, "{x}"), limits=DEEP),
    case("dict_key_deep_tuple", nest("()|(x,)", 200_000, "d = {x: 1}"), limits=DEEP),
    case("repr_deep_list", nest("[]|[x]", 200_000, "repr(x)"), limits=DEEP),
    case("str_deep_dict", nest("{}|{1: x}", 200_000, "str(x)"), limits=DEEP),
    case("print_deep_list", nest("[]|[x]", 200_000, "print(x)"), limits=DEEP),
    case("fstring_deep_list", nest("[]|[x]", 200_000, "f'{x}'"), limits=DEEP),
    case("eq_deep_lists", "a = []\nb = []\nfor _ in range(200000):\n    a = [a]\n    b = [b]\n"
         "a == b", limits=DEEP),
    case("eq_deep_tuples", "a = ()\nb = ()\nfor _ in range(200000):\n    a = (a,)\n"
         "    b = (b,)\na == b", limits=DEEP),
    case("isinstance_nested_tuple", nest("int|(x,)", 300_000, "isinstance(1, x)"), limits=DEEP),
    case("json_dumps_deep_dict", "import json\n" + nest("{}|{'a': x}", 200_000, "json.dumps(x)"),
         imports="json", limits=DEEP),
    case("json_loads_deep", "import json\njson.loads('[' * 10**5 + ']' * 10**5)", imports="json",
         limits=DEEP),
    case("copy_deepcopy_deep", "import copy\n" + nest("[]|[x]", 100_000, "copy.deepcopy(x)"),
         imports="copy", limits=DEEP),
    case("pprint_deep", "import pprint\n" + nest("[]|[x]", 10_000, "pprint.pformat(x)"),
         imports="pprint", limits=DEEP),
    case("next_nested_map", nest("iter([1])|map(abs, x)", 100_000, "next(x)"), limits=DEEP),
    case("next_nested_filter", nest("iter([1])|filter(None, x)", 200_000, "next(x)"), limits=DEEP),
    case("next_nested_zip", nest("iter([1])|zip(x)", 200_000, "next(x)"), limits=DEEP),
    case("next_nested_enumerate", nest("iter([1])|enumerate(x)", 200_000, "next(x)"), limits=DEEP),
    case("next_nested_islice", "import itertools\n" +
         nest("iter([1])|itertools.islice(x, 5)", 200_000, "next(x)"), imports="itertools",
         limits=DEEP),
    case("next_nested_chain", "import itertools\n" +
         nest("iter([1])|itertools.chain(x)", 200_000, "next(x)"), imports="itertools",
         limits=DEEP),
    case("dealloc_nested_enumerate", nest("iter([])|enumerate(x)", 600_000, "del x"), limits=DEEP),
    case("nested_generators_for", "def g(it):\n    for v in it:\n        yield v\n" +
         nest("iter([1])|g(x)", 10_000, "next(x)"), limits=DEEP),
    case("nested_generators_yield_from", "def g(it):\n    yield from it\n" +
         nest("iter([1])|g(x)", 10_000, "next(x)"), limits=DEEP),
    case("nested_generator_expressions", nest("iter([1])|(v for v in x)", 10_000, "next(x)"),
         limits=DEEP),
]


@pytest.mark.parametrize("c", params(DEEP_VALUES))
def test_deep_value_does_not_crash_the_host(c):
    outcome = c.run()
    assert_bounded(outcome, c.limits)
    if outcome.kind == "CodeError":
        # CPython's own answer, or a deliberate nesting cap; never the host out of memory
        assert outcome.exc_type in ("RecursionError", "ValueError"), str(outcome)
    elif outcome.kind == "ok":
        # only the generator chains may legitimately finish (they yield the 1 they wrap)
        assert c.id.startswith("nested_gen") and outcome.value == "1", str(outcome)
    else:
        assert outcome.kind == "LimitExceeded", str(outcome)


DEEP_SOURCE = [
    case("brackets", "[" * 10**5 + "]" * 10**5),
    case("parentheses", "(" * 10**5 + ")" * 10**5),
    case("unary_minus", "-" * 10**5 + "1"),
    case("not_chain", "not " * 10**5 + "x"),
    case("lambda_chain", "lambda: " * 10**4 + "1"),
    case("binop_chain", "1" + "+1" * 10**5),
    case("attribute_chain", "a" + ".b" * 10**5),
    case("call_chain", "f" + "()" * 10**5),
    case("subscript_chain", "x" + "[0]" * 10**5),
    case("string_concat_chain", "'a'" + " + 'a'" * 10**5),
    case("indentation", "".join(" " * i + "if True:\n" for i in range(200)) + " " * 200 + "pass"),
]


@pytest.mark.parametrize("c", params(DEEP_SOURCE))
def test_too_deep_source_is_refused_clearly(c):
    outcome = c.run()
    assert_bounded(outcome, c.limits)
    assert outcome.kind in ("ParseError", "PolicyViolation"), str(outcome)
    assert outcome.message, str(outcome)


@pytest.mark.parametrize("code, value", [
    ("[" * 150 + "]" * 150, "[" * 150 + "]" * 150),
    ("1" + "+1" * 300, "301"),
    ("-" * 200 + "1", "1"),
    ("'a'" + " + 'a'" * 500, repr("a" * 501)),
], ids=["brackets_150", "binop_300", "unary_200", "concat_500"])
def test_moderate_nesting_that_cpython_compiles_still_runs(code, value):
    # CPython compiles these; LLM-written code (long concatenations) reaches such depths
    assert eval(code) == eval(value)
    outcome = case("moderate", code).run()
    assert outcome.kind == "ok" and outcome.value == value, str(outcome)


def test_ten_megabyte_source_is_refused_within_bounds():
    # 1.7 million statements: parsing alone would take seconds and ~1 GB of AST
    code = "x = 1\n" * (10 * 2**20 // 6)
    outcome = case("ten_mb", code).run()
    assert_bounded(outcome, case("ten_mb", code).limits)
    assert outcome.kind in ("ParseError", "PolicyViolation", "LimitExceeded"), str(outcome)


def test_ten_megabyte_literal_is_bounded():
    # one 10 MB string literal parses cheaply; it may run or be refused, but within bounds
    code = "s = '" + "a" * (10 * 2**20) + "'\nlen(s)"
    outcome = case("ten_mb_literal", code).run()
    assert_bounded(outcome, case("ten_mb_literal", code).limits)
    assert outcome.kind in ("ok", "ParseError", "PolicyViolation", "LimitExceeded"), str(outcome)
    if outcome.kind == "ok":
        assert outcome.value == str(10 * 2**20)
