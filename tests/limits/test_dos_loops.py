"""Work without end: sandboxed loops, C consumers of endless iterators, regex backtracking,
sleeping. Each must stop with the right limit within timeout + TIME_MARGIN
(ATTACK-SURFACE.md §3a, §3c, §3d: the C consumers run > 11 s unmetered and SIGALRM cannot stop
most of them, so only metering the iterable ends them)."""
from __future__ import annotations

import pytest

import safeexec

from .harness import SMALL, assert_bounded, assert_limit, case, params, skip_if_refused

IT = ("itertools",)
IT_COLL = ("itertools", "collections")
#: an ops budget too large to reach, so that only the clock can stop the run
CLOCK_ONLY = safeexec.Limits(timeout=0.5, max_memory=64 * 2**20, max_ops=10**12)

LOOPS = [
    case("while_true", "while True:\n    pass"),
    case("while_true_counter", "x = 0\nwhile True:\n    x += 1"),
    case("while_true_clock", "while True:\n    pass", "time", limits=CLOCK_ONLY),
    case("for_iter_callable", "for _ in iter(int, 1):\n    pass"),
    case("generator_forever",
         "def gen():\n    while True:\n        yield 1\nfor _ in gen():\n    pass"),
    case("comprehension_over_count", "import itertools\n[x for x in itertools.count()]",
         ("ops", "memory"), IT),
    case("nested_loops_clock", "for i in range(10**9):\n    for j in range(10**9):\n        pass",
         "time", limits=CLOCK_ONLY),
]

CONSUMERS = [
    case("sum_range", "sum(range(10**13))"),
    case("max_range", "max(range(10**13))"),
    case("max_count", "import itertools\nmax(itertools.count())", imports=IT),
    case("min_count", "import itertools\nmin(itertools.count())", imports=IT),
    case("any_repeat", "import itertools\nany(itertools.repeat(0))", imports=IT),
    case("all_repeat", "import itertools\nall(itertools.repeat(1))", imports=IT),
    case("in_repeat", "import itertools\n2 in itertools.repeat(1)", imports=IT),
    case("in_count", "import itertools\n-1 in itertools.count()", imports=IT),
    case("not_in_count", "import itertools\n-1 not in itertools.count()", imports=IT),
    case("list_count", "import itertools\nlist(itertools.count())", ("ops", "memory"), IT),
    case("set_count", "import itertools\nset(itertools.count())", ("ops", "memory"), IT),
    case("tuple_count", "import itertools\ntuple(itertools.count())", ("ops", "memory"), IT),
    case("frozenset_count", "import itertools\nfrozenset(itertools.count())", ("ops", "memory"),
         IT),
    case("dict_zip_counts", "import itertools\ndict(zip(itertools.count(), itertools.count()))",
         ("ops", "memory"), IT),
    case("dict_fromkeys_count", "import itertools\ndict.fromkeys(itertools.count())",
         ("ops", "memory"), IT),
    case("sorted_count", "import itertools\nsorted(itertools.count())", ("ops", "memory"), IT),
    case("sorted_range", "sorted(range(10**9))", ("ops", "memory")),
    case("list_range", "list(range(10**9))", ("ops", "memory")),
    case("tuple_repeat_sized", "import itertools\ntuple(itertools.repeat(0, 10**9))",
         ("ops", "memory"), IT),
    case("join_repeat_sized", "import itertools\n''.join(itertools.repeat('a', 10**10))",
         ("ops", "memory"), IT),
    case("frozenset_range", "frozenset(range(10**9))", ("ops", "memory")),
    case("dict_fromkeys_range", "dict.fromkeys(range(10**9))", ("ops", "memory")),
    case("max_range_key", "max(range(10**9), key=lambda x: x)", ("ops", "time")),
    case("bytes_repeat", "import itertools\nbytes(itertools.repeat(0))", ("ops", "memory"), IT),
    case("bytearray_repeat", "import itertools\nbytearray(itertools.repeat(0))",
         ("ops", "memory"), IT),
    case("join_repeat", "import itertools\n''.join(itertools.repeat('a'))", ("ops", "memory"), IT),
    # fed by a sandboxed generator: interpreted work may reach the clock before the ops budget
    case("join_generator", "''.join(str(i) for i in range(10**9))", ("ops", "memory", "time")),
    case("join_map_count", "import itertools\n'-'.join(map(str, itertools.count()))",
         ("ops", "memory"), IT),
    case("list_map_count", "import itertools\nlist(map(abs, itertools.count()))",
         ("ops", "memory"), IT),
    case("deque_count_maxlen0", "import collections, itertools\n"
         "collections.deque(itertools.count(), maxlen=0)", imports=IT_COLL),
    case("deque_zip_maxlen0", "import collections, itertools\n"
         "collections.deque(zip(itertools.count(), itertools.count()), maxlen=0)", imports=IT_COLL),
    case("deque_enumerate_maxlen0", "import collections, itertools\n"
         "collections.deque(enumerate(itertools.count()), maxlen=0)", imports=IT_COLL),
    case("counter_count", "import collections, itertools\ncollections.Counter(itertools.count())",
         ("ops", "memory"), IT_COLL),
    case("deque_extend_count", "import collections, itertools\n"
         "d = collections.deque(maxlen=1)\nd.extend(itertools.count())", imports=IT_COLL),
    case("list_extend_count", "import itertools\nx = []\nx.extend(itertools.count())",
         ("ops", "memory"), IT),
    case("set_update_count", "import itertools\ns = set()\ns.update(itertools.count())",
         ("ops", "memory"), IT),
    case("next_filter_repeat", "import itertools\nnext(filter(None, itertools.repeat(0)))",
         imports=IT),
    case("next_islice_far",
         "import itertools\nnext(itertools.islice(itertools.count(), 10**12, None))", imports=IT),
    case("dropwhile_forever", "import itertools\n"
         "next(itertools.dropwhile(lambda x: True, itertools.count()))", imports=IT),
    case("product_repeat12", "import itertools\nlist(itertools.product(range(10), repeat=12))",
         ("ops", "memory"), IT),
    case("permutations_20", "import collections, itertools\n"
         "collections.deque(itertools.permutations(range(20)), maxlen=0)", imports=IT_COLL),
    case("combinations_60_30", "import collections, itertools\n"
         "collections.deque(itertools.combinations(range(60), 30), maxlen=0)", imports=IT_COLL),
    case("heapq_nlargest_count", "import heapq, itertools\nheapq.nlargest(1, itertools.count())",
         ("ops", "time"), ("heapq", "itertools")),
    case("sum_quadratic_lists", "sum([[0]] * 10**6, [])", ("ops", "memory")),
    case("sum_quadratic_generator", "import itertools\n"
         "sum(itertools.repeat([0] * 10**4, 10**4), [])", ("ops", "memory", "time"), IT),
    case("sorted_key_lambda", "sorted(range(10**7), key=lambda x: -x)", ("ops", "memory")),
    case("tee_buffer", "import collections, itertools\na, b = itertools.tee(itertools.count())\n"
         "collections.deque(itertools.islice(a, 10**10), maxlen=0)", ("ops", "memory"), IT_COLL),
    case("cycle_first_pass", "import collections, itertools\n"
         "collections.deque(itertools.islice(itertools.cycle(range(10**9)), 10**10), maxlen=0)",
         ("ops", "memory"), IT_COLL),
]

REGEX_LIMITS = safeexec.Limits(timeout=0.5, max_memory=64 * 2**20, max_ops=2 * 10**5)

def rx(id, code, bug=None):
    return case(id, "import re\n" + code, ("time", "ops"), "re", REGEX_LIMITS, bug)


REGEX = [
    rx("nested_plus", "re.match('(a+)+$', 'a' * 40 + 'b')"),
    rx("alternation", "re.match('(a|aa)*c', 'a' * 60)"),
    rx("double_plus", "re.match('(x+x+)+y', 'x' * 40)"),
    rx("cubic_search", "re.search('a*a*b', 'a' * 8000)"),
    rx("compiled_pattern", "p = re.compile('(a+)+$')\np.match('a' * 40 + 'b')"),
    rx("compiled_pattern_search", "re.compile('(x+x+)+y').search('x' * 40)"),
    rx("findall", "re.findall('(a+)+$', 'a' * 40 + 'b')"),
    rx("sub", "re.sub('(a+)+$', '', 'a' * 40 + 'b')"),
]


@pytest.mark.parametrize("c", params(LOOPS))
def test_loop_is_stopped(c):
    assert_limit(c.run(), c.limits, c.kinds)


@pytest.mark.parametrize("c", params(CONSUMERS))
def test_c_consumer_is_stopped(c):
    outcome = c.run()
    for module in c.imports:
        skip_if_refused(outcome, module)
    assert_limit(outcome, c.limits, c.kinds)


@pytest.mark.parametrize("c", params(REGEX))
def test_catastrophic_regex_ends_at_the_deadline(c):
    outcome = c.run()
    assert_limit(outcome, c.limits, c.kinds)


def test_range_contains_non_int():
    # CPython scans range(10**12) element by element for a float that is not integral (> 11 s);
    # the sandbox may answer as CPython does (False) or stop on ops, but within the deadline.
    c = case("range_contains_float", "0.5 in range(10**12)")
    outcome = c.run()
    if outcome.kind == "ok":
        assert outcome.value == repr(False)
        assert outcome.wall <= SMALL.timeout
    else:
        assert_limit(outcome, c.limits, "ops")


@pytest.mark.parametrize("code", ["import time\ntime.sleep(100)", "import time\ntime.sleep(10**6)",
                                  "import time\nwhile True:\n    time.sleep(0.01)"])
def test_sleep_ends_at_the_deadline(code):
    limits = safeexec.Limits(timeout=0.5, max_memory=64 * 2**20, max_ops=10**6)
    outcome = case("sleep", code, "time", "time", limits).run()
    assert_limit(outcome, limits, "time")
    assert outcome.wall >= 0.4, f"stopped before the deadline: {outcome}"


def test_blocking_queue_get_ends_at_the_deadline():
    limits = safeexec.Limits(timeout=0.5, max_memory=64 * 2**20, max_ops=10**6)
    outcome = case("queue_get", "import queue\nqueue.Queue().get()", "time", "queue", limits).run()
    skip_if_refused(outcome, "queue")
    if outcome.kind == "CodeError":             # a wrapper that forces a timeout raises Empty
        assert_bounded(outcome, limits)
        assert outcome.exc_type == "Empty", str(outcome)
    else:
        assert_limit(outcome, limits, "time")


THREAD_BUG = ("regex backtracking is stopped by SIGALRM, which only the main thread receives: run"
              " from a worker thread, the match runs in C until it finishes")
IN_A_THREAD = [
    case("while_true", "while True:\n    pass"),
    case("while_true_clock", "while True:\n    pass", "time", limits=CLOCK_ONLY),
    case("sleep", "import time\ntime.sleep(100)", "time", "time", REGEX_LIMITS),
    case("max_count", "import itertools\nmax(itertools.count())", imports=IT),
    case("regex", "import re\nre.match('(a+)+$', 'a' * 40 + 'b')", ("time", "ops"), "re",
         REGEX_LIMITS, THREAD_BUG),
]


@pytest.mark.parametrize("c", params(IN_A_THREAD))
def test_limits_hold_in_a_worker_thread(c):
    # hosts often call safeexec from a thread pool, where no signal handler ever runs
    assert_limit(c.run(thread=True), c.limits, c.kinds)
