"""Imports and module proxies of the ast backend (safeexec/interp/modules.py, module_wraps.py),
tested directly against a Meter, without running sandboxed code.

Expectations come from CPython: a wrapped function must return what the real one returns on
ordinary input, and what it refuses is checked against the ATTACK-SURFACE findings it closes.
"""
from __future__ import annotations

import collections
import copy
import decimal
import fractions
import io
import itertools
import json
import math
import operator
import random
import re
import statistics
import time
import types

import pytest

from safeexec.errors import PolicyViolation
from safeexec.interp import guards
from safeexec.interp import module_wraps as mw
from safeexec.interp.meter import LimitHit, Meter
from safeexec.interp.modules import ImportPolicy, ModuleLoader, ModuleProxy, deny_reason
from safeexec.interp.signals import Refused
from safeexec.limits import Limits

guards.init_internal()  # what the backend does at import: the guard then knows ModuleProxy

# The modules the sandbox is reviewed for (ATTACK-SURFACE §2a).
REVIEWED = ("math json re datetime time random collections collections.abc itertools functools "
            "operator string textwrap statistics decimal fractions heapq bisect copy typing "
            "dataclasses enum uuid hashlib base64 calendar csv pprint html unicodedata difflib "
            "zoneinfo io os.path urllib.parse queue numbers abc contextlib types struct binascii "
            "array").split()


def loader_for(allowed=REVIEWED, **limits):
    meter = Meter(Limits(**limits))
    return ModuleLoader(ImportPolicy(allowed), lambda: meter), meter


def attr(loader, module, name):
    return loader.load(module)._attrs[name]


def fresh(module, **limits):
    """A new loader's view of `module`: a tripped meter stays tripped, so every expected trip
    gets its own meter (or the later ones would pass for free)."""
    return loader_for([module], **limits)[0].load(module)._attrs


@pytest.fixture(scope="module")
def everything():
    """One loader with every reviewed module loaded (building proxies is the slow part)."""
    loader, meter = loader_for()
    return loader, {name: loader.load(name) for name in REVIEWED}


# -- ImportPolicy ----------------------------------------------------------------------------------

@pytest.mark.parametrize("entry", ["", "*", "os..path", ".os", "os.", "os.*.path", "1abc",
                                   "math ", "a-b", "pkg.**"])
def test_policy_rejects_junk_entries(entry):
    with pytest.raises(ValueError, match="invalid allowed import"):
        ImportPolicy([entry])


def test_policy_rejects_a_bare_string_and_non_strings():
    with pytest.raises(TypeError):
        ImportPolicy("math")
    with pytest.raises(TypeError):
        ImportPolicy([3])


def test_allowing_os_path_does_not_allow_os():
    policy = ImportPolicy(["os.path"])
    assert policy.allows("os.path")
    assert not policy.allows("os")
    assert not policy.allows("os.pathx")


def test_wildcard_allows_the_package_and_its_submodules_only():
    policy = ImportPolicy(["xml.*"])
    assert policy.allows("xml") and policy.allows("xml.etree.ElementTree")
    assert not policy.allows("xmlrpc") and not policy.allows("xm")


def test_deny_list_wins_over_allowed_imports():
    policy = ImportPolicy(["sys", "os", "os.*", "importlib.util", "logging.config", "math"])
    for name in ("sys", "os", "importlib.util", "logging.config", "os.sep"):
        assert not policy.allows(name), name
    assert policy.allows("os.path") and policy.allows("math")
    assert "never allowed" in policy.explain("sys")


def test_private_modules_are_denied():
    assert deny_reason("_thread") and deny_reason("json._impl") and deny_reason("__main__")
    assert not ImportPolicy(["json.*"]).allows("json._x")


def test_describe_lists_what_is_allowed_sorted():
    assert ImportPolicy([]).describe() == "no imports are allowed"
    assert ImportPolicy(["math", "json", "os.path", "numpy.*", "sys"]).describe() == \
        "allowed imports: json, math, numpy.*, os.path"


def test_loading_a_module_that_is_not_allowed_names_what_is():
    loader, _ = loader_for(["math", "json"])
    with pytest.raises(PolicyViolation, match=r"import of 'os' is not allowed; "
                                              r"allowed imports: json, math"):
        loader.load("os")
    with pytest.raises(PolicyViolation, match="never allowed"):
        loader_for(["subprocess"])[0].load("subprocess")


def test_an_allowed_module_that_is_not_installed_is_module_not_found():
    loader, _ = loader_for(["no_such_module_here"])
    with pytest.raises(ModuleNotFoundError, match="No module named 'no_such_module_here'"):
        loader.load("no_such_module_here")


# -- ModuleProxy ----------------------------------------------------------------------------------

def test_proxy_shape_is_exactly_name_and_attrs():
    assert ModuleProxy.__slots__ == ("_name", "_attrs")
    assert "__getattr__" not in vars(ModuleProxy)
    loader, _ = loader_for(["json"])
    proxy = loader.load("json")
    assert repr(proxy) == "<module 'json' (sandboxed)>"
    assert type(proxy._attrs) is dict


def test_proxy_is_read_only():
    loader, _ = loader_for(["math"])
    proxy = loader.load("math")
    with pytest.raises(PolicyViolation, match="cannot assign to attribute 'pi' of module 'math': "
                                              "modules are read-only in the sandbox"):
        proxy.pi = 3
    with pytest.raises(PolicyViolation, match="cannot delete attribute 'pi'"):
        del proxy.pi
    assert math.pi == proxy._attrs["pi"] == 3.141592653589793


def test_proxy_copies_fail_like_modules_do():
    loader, _ = loader_for(["math"])
    with pytest.raises(TypeError) as real:
        copy.deepcopy(math)
    for fn in (copy.copy, copy.deepcopy):
        with pytest.raises(TypeError) as ours:
            fn(loader.load("math"))
        assert str(ours.value) == str(real.value)


def test_proxies_are_cached_per_loader():
    a, _ = loader_for(["json"])
    b, _ = loader_for(["json"])
    assert a.load("json") is a.load("json")
    assert a.load("json") is not b.load("json")


def test_proxies_hold_public_names_only(everything):
    _, proxies = everything
    for name, proxy in proxies.items():
        assert not [k for k in proxy._attrs if k.startswith("_")], name


def test_no_proxy_value_is_a_module_unless_allowed(everything):
    loader, proxies = everything
    for name, proxy in proxies.items():
        for key, value in proxy._attrs.items():
            assert not isinstance(value, types.ModuleType), f"{name}.{key}"
            if isinstance(value, ModuleProxy):
                assert loader.policy.allows(value._name) or value._name == "posixpath", key


def test_no_proxy_value_is_a_builtin_gadget_or_capsule(everything):
    _, proxies = everything
    import builtins
    gadgets = {id(getattr(builtins, n)): n for n in mw.HIDDEN_BUILTINS}
    for name, proxy in proxies.items():
        for key, value in proxy._attrs.items():
            assert id(value) not in gadgets, f"{name}.{key} is builtins.{gadgets.get(id(value))}"
            assert type(value).__name__ != "PyCapsule", f"{name}.{key}"


# Module-valued attributes that smuggle host modules (ATTACK-SURFACE §2a) and §2b's hidden names.
SMUGGLED = [
    ("statistics", "sys"), ("statistics", "random"), ("typing", "sys"), ("typing", "types"),
    ("dataclasses", "builtins"), ("dataclasses", "inspect"), ("dataclasses", "sys"),
    ("uuid", "os"), ("uuid", "platform"), ("random", "_os"), ("enum", "bltns"), ("enum", "sys"),
    ("queue", "threading"), ("datetime", "sys"), ("datetime", "datetime_CAPI"),
    ("json", "decoder"), ("json", "scanner"), ("fractions", "sys"), ("calendar", "sys"),
    ("urllib.parse", "sys"), ("contextlib", "os"), ("contextlib", "sys"), ("re", "copyreg"),
    ("html", "entities"), ("collections", "abc"), ("io", "abc"), ("os.path", "os"),
    ("os.path", "sys"), ("os.path", "genericpath"), ("base64", "binascii"),
    ("typing", "get_type_hints"), ("typing", "ForwardRef"), ("string", "Formatter"),
    ("copy", "dispatch_table"), ("enum", "global_enum"), ("io", "open"), ("io", "open_code"),
    ("io", "FileIO"), ("os.path", "exists"), ("os.path", "expandvars"), ("os.path", "abspath"),
    ("os.path", "realpath"), ("os.path", "getsize"), ("zoneinfo", "reset_tzpath"),
    ("uuid", "getnode"), ("uuid", "uuid1"), ("time", "tzset"), ("csv", "field_size_limit"),
    ("csv", "register_dialect"), ("calendar", "main"), ("calendar", "setlocale"),
    ("base64", "main"), ("decimal", "DefaultContext"), ("contextlib", "redirect_stdout"),
    ("contextlib", "chdir"), ("types", "FunctionType"), ("types", "CodeType"),
    ("types", "new_class"), ("dataclasses", "FunctionType"), ("functools", "RLock"),
    ("urllib.parse", "uses_netloc"), ("operator", "call"), ("typing", "EXCLUDED_ATTRIBUTES"),
]


@pytest.mark.parametrize("module,name", SMUGGLED)
def test_smuggling_names_are_absent(module, name):
    loader, _ = loader_for([module])
    assert name not in loader.load(module)._attrs


def test_collections_abc_is_there_when_allowed_itself(everything):
    loader, proxies = everything
    assert "abc" not in proxies["collections"]._attrs or \
        proxies["collections"]._attrs["abc"] is loader.load("collections.abc")
    only, _ = loader_for(["collections", "collections.abc"])
    assert only.load("collections")._attrs["abc"] is only.load("collections.abc")


def test_import_os_path_binds_a_stub_os_with_only_path():
    loader, _ = loader_for(["os.path"])
    os_stub = loader.import_module_binding("os.path")
    assert repr(os_stub) == "<module 'os' (sandboxed)>"
    assert list(os_stub._attrs) == ["path"] and os_stub._attrs["path"] is loader.load("os.path")
    assert "system" not in os_stub._attrs
    import os.path
    assert os_stub._attrs["path"]._attrs["join"]("a", "b") == os.path.join("a", "b")
    with pytest.raises(PolicyViolation):
        loader.load("os")
    assert loader.import_module_binding("os.path") is os_stub


def test_import_binding_of_an_allowed_package_is_its_proxy():
    loader, _ = loader_for(["collections", "collections.abc"])
    root = loader.import_module_binding("collections.abc")
    assert root is loader.load("collections")
    assert root._attrs["abc"] is loader.load("collections.abc")


def test_from_import_names_and_submodules():
    loader, _ = loader_for(["json", "os.path", "collections.*"])
    assert loader.from_import(loader.load("json"), "dumps")([1]) == "[1]"
    assert loader.from_import("collections", "abc") is loader.load("collections.abc")
    with pytest.raises(ImportError, match=r"cannot import name 'nope' from 'json'") as err:
        loader.from_import(loader.load("json"), "nope")
    assert not isinstance(err.value, PolicyViolation)
    with pytest.raises(PolicyViolation, match="import of 'json.decoder' is not allowed"):
        loader.from_import(loader.load("json"), "decoder")
    with pytest.raises(PolicyViolation, match="filesystem"):
        loader.from_import(loader.load("os.path"), "exists")


def test_missing_reason_explains_hidden_names():
    loader, _ = loader_for(["io", "typing", "dataclasses"])
    assert "file access" in loader.missing_reason(loader.load("io"), "open")
    assert "eval" in loader.missing_reason(loader.load("typing"), "get_type_hints")
    assert "sys" in loader.missing_reason(loader.load("dataclasses"), "sys")
    assert "code objects" in loader.missing_reason(loader.load("dataclasses"), "FunctionType")
    assert loader.missing_reason(loader.load("io"), "no_such_thing") is None


def test_re_exports_get_the_same_replacement():
    loader, _ = loader_for(["statistics", "decimal", "fractions", "queue", "collections",
                            "contextlib", "functools"])
    assert attr(loader, "statistics", "Decimal") is attr(loader, "decimal", "Decimal")
    assert attr(loader, "fractions", "Decimal") is attr(loader, "decimal", "Decimal")
    assert attr(loader, "statistics", "Fraction") is attr(loader, "fractions", "Fraction")
    assert attr(loader, "queue", "deque") is attr(loader, "collections", "deque")
    assert attr(loader, "contextlib", "wraps") is attr(loader, "functools", "wraps")


# -- random ----------------------------------------------------------------------------------------

def draws(r):
    return [r.random(), r.randint(1, 10**9), r.choice("abcdef"), r.sample(range(1000), 5),
            r.gauss(0, 1), r.getrandbits(70), r.randbytes(5), r.choices("xyz", k=4)]


def test_random_with_seed_is_cpythons_sequence_and_leaves_the_host_alone():
    loader, _ = loader_for(["random"])
    sandbox = loader.load("random")._attrs
    host_state = random.getstate()
    sandbox["seed"](42)
    module_level = draws(types.SimpleNamespace(**{name: sandbox[name] for name in (
        "random", "randint", "choice", "sample", "gauss", "getrandbits", "randbytes",
        "choices")}))
    assert module_level == draws(random.Random(42))
    assert random.getstate() == host_state


def test_random_generators_are_per_loader():
    a, _ = loader_for(["random"])
    b, _ = loader_for(["random"])
    a.load("random")._attrs["seed"](1)
    b.load("random")._attrs["seed"](2)
    assert a.load("random")._attrs["random"]() == random.Random(1).random()
    assert b.load("random")._attrs["random"]() == random.Random(2).random()


def test_random_instances_are_capped_and_still_random_random():
    loader, _ = loader_for(["random"])
    Random = attr(loader, "random", "Random")
    assert isinstance(random.Random(), Random) and isinstance(Random(), random.Random)
    assert Random(7).random() == random.Random(7).random()
    with pytest.raises(LimitHit) as hit:
        attr(loader, "random", "getrandbits")(10**11)
    assert hit.value.limit == "memory"
    with pytest.raises(LimitHit):
        fresh("random")["randbytes"](10**10)
    with pytest.raises(LimitHit):
        fresh("random")["Random"]().choices("ab", k=10**9)
    assert "SystemRandom" not in loader.load("random")._attrs


# -- time, queue -----------------------------------------------------------------------------------

def test_time_sleep_is_cut_at_the_deadline():
    loader, meter = loader_for(["time"], timeout=0.3)
    sleep = attr(loader, "time", "sleep")
    assert sleep(0.01) is None
    start = time.monotonic()
    with pytest.raises(LimitHit) as hit:
        sleep(30)
    assert hit.value.limit == "time"
    assert time.monotonic() - start < 1.0
    with pytest.raises(LimitHit):   # the meter stays tripped
        meter.tick()


def test_time_sleep_argument_errors_match_cpython():
    loader, _ = loader_for(["time"])
    sleep = attr(loader, "time", "sleep")
    for bad in (-1, "1", float("nan")):
        with pytest.raises((ValueError, TypeError)) as real:
            time.sleep(bad)
        with pytest.raises(type(real.value)) as ours:
            sleep(bad)
        assert str(ours.value) == str(real.value)


def test_blocking_queue_get_ends_at_the_deadline():
    loader, _ = loader_for(["queue"], timeout=0.3)
    q = attr(loader, "queue", "Queue")()
    q.put(1)
    assert q.get() == 1
    import queue as real_queue
    with pytest.raises(real_queue.Empty):
        q.get(timeout=0.01)
    start = time.monotonic()
    with pytest.raises(LimitHit) as hit:
        q.get()
    assert hit.value.limit == "time" and time.monotonic() - start < 1.0


# -- math, hashlib ---------------------------------------------------------------------------------

def test_math_big_results_trip_before_running():
    start = time.monotonic()
    with pytest.raises(LimitHit):
        fresh("math")["factorial"](10**6)
    with pytest.raises(LimitHit):
        fresh("math")["comb"](10**6, 5 * 10**5)
    with pytest.raises(LimitHit):
        fresh("math")["isqrt"](1 << 10**7)
    assert time.monotonic() - start < 1.0


def test_math_wrappers_return_cpythons_results():
    loader, _ = loader_for(["math"])
    m = loader.load("math")._attrs
    assert m["factorial"](30) == math.factorial(30)
    assert m["comb"](50, 20) == math.comb(50, 20) and m["perm"](9, 4) == math.perm(9, 4)
    assert m["perm"](6) == math.perm(6) and m["isqrt"](10**40 + 7) == math.isqrt(10**40 + 7)
    assert m["prod"]([1.5, 2, 3]) == math.prod([1.5, 2, 3])
    assert m["prod"](iter(range(1, 20)), start=3) == math.prod(range(1, 20), start=3)
    assert m["prod"]([]) == 1 and m["prod"](["ab"], start=2) == math.prod(["ab"], start=2)
    assert m["fsum"](iter([0.1] * 10)) == math.fsum([0.1] * 10)
    assert m["lcm"](4, 6, 10) == math.lcm(4, 6, 10)
    with pytest.raises(ValueError) as real:
        math.factorial(-1)
    with pytest.raises(ValueError) as ours:
        m["factorial"](-1)
    assert str(ours.value) == str(real.value)


def test_math_prod_is_metered_per_item():
    loader, _ = loader_for(["math"], max_ops=10_000)
    with pytest.raises(LimitHit) as hit:
        attr(loader, "math", "prod")(itertools.repeat(1))
    assert hit.value.limit == "ops"


def test_checked_math_also_guards_calls_made_from_c():
    loader, _ = loader_for(["math"])
    with pytest.raises(LimitHit):
        list(map(attr(loader, "math", "factorial"), [10**6]))


def test_pbkdf2_iterations_are_charged_first():
    loader, _ = loader_for(["hashlib"])
    h = loader.load("hashlib")._attrs
    import hashlib
    assert h["pbkdf2_hmac"]("sha256", b"p", b"s", 1000) == \
        hashlib.pbkdf2_hmac("sha256", b"p", b"s", 1000)
    start = time.monotonic()
    with pytest.raises(LimitHit):
        fresh("hashlib")["pbkdf2_hmac"]("sha256", b"p", b"s", 10**9)
    with pytest.raises(LimitHit):
        fresh("hashlib")["scrypt"](b"p", salt=b"s", n=2**20, r=64, p=16, maxmem=2**31 - 1)
    assert time.monotonic() - start < 1.0
    assert h["algorithms_available"] == hashlib.algorithms_available
    with pytest.raises(AttributeError):  # a read-only view: the host's set is process-wide
        h["algorithms_available"].clear()


def test_module_level_containers_are_read_only_views():
    import keyword
    import token
    loader, _ = loader_for(["keyword", "token", "mimetypes"])
    kw = attr(loader, "keyword", "kwlist")
    assert list(kw) == keyword.kwlist and "if" in kw
    with pytest.raises(AttributeError):
        kw.append("pwned")
    names = attr(loader, "token", "tok_name")
    assert names[0] == token.tok_name[0]
    with pytest.raises(TypeError):
        names[0] = "PWNED"
    assert "pwned" not in keyword.kwlist and token.tok_name[0] == "ENDMARKER"
    assert "add_type" not in loader.load("mimetypes")._attrs


# -- itertools, collections, heapq, operator, functools --------------------------------------------

def test_itertools_results_match_cpython():
    loader, _ = loader_for(["itertools"])
    it = loader.load("itertools")._attrs
    cases = [  # name, a function making fresh arguments (iterators are consumed)
        ("chain", lambda: ([1, 2], iter((3,)))), ("islice", lambda: (itertools.count(), 2, 9, 3)),
        ("product", lambda: ("ab", range(2))), ("permutations", lambda: (range(4), 2)),
        ("combinations", lambda: ("abcd", 3)), ("combinations_with_replacement", lambda: ("ab", 2)),
        ("accumulate", lambda: (iter([1, 2, 3]),)), ("compress", lambda: ("abc", [1, 0, 1])),
        ("dropwhile", lambda: (lambda x: x < 2, [1, 2, 1])),
        ("takewhile", lambda: (lambda x: x < 2, [1, 2])), ("filterfalse", lambda: (None, [0, 1])),
        ("starmap", lambda: (pow, [(2, 3), (3, 2)])), ("zip_longest", lambda: ("ab", "c")),
        ("pairwise", lambda: ("abc",)), ("cycle", lambda: ("ab",)),
    ]
    for name, args in cases:
        ours = list(itertools.islice(it[name](*args()), 20))
        assert ours == list(itertools.islice(getattr(itertools, name)(*args()), 20)), name
    assert [list(g) for _, g in it["groupby"]("aabc")] == [["a", "a"], ["b"], ["c"]]
    assert list(it["chain"].from_iterable(["ab", "c"])) == ["a", "b", "c"]
    assert [list(t) for t in it["tee"]("ab")] == [["a", "b"], ["a", "b"]]
    assert list(it["product"]("ab", repeat=2)) == list(itertools.product("ab", repeat=2))
    assert isinstance(itertools.chain(), it["chain"]) and isinstance(it["chain"](), itertools.chain)
    assert repr(it["islice"]) == "<class 'itertools.islice'>"


def test_itertools_errors_come_at_construction_as_in_cpython():
    loader, _ = loader_for(["itertools"])
    with pytest.raises(TypeError) as real:
        itertools.islice(5, 2)
    with pytest.raises(TypeError) as ours:
        attr(loader, "itertools", "islice")(5, 2)
    assert str(ours.value) == str(real.value)


@pytest.mark.parametrize("make", [
    lambda it: next(it["islice"](itertools.count(), 10**12, None)),
    lambda it: next(it["filterfalse"](None, itertools.repeat(1))),
    lambda it: next(it["dropwhile"](lambda x: True, itertools.count())),
    lambda it: list(it["chain"].from_iterable(itertools.repeat([]))),
    lambda it: it["product"](itertools.count()),
    lambda it: it["combinations"](range(10), 10**9),
    lambda it: it["product"](range(2), repeat=10**9),
    lambda it: it["tee"](itertools.count(), 10**9),
])
def test_itertools_c_loops_are_bounded(make):
    loader, _ = loader_for(["itertools"], max_ops=20_000)
    with pytest.raises(LimitHit):
        make(loader.load("itertools")._attrs)


def test_collections_consumers_are_metered():
    for consume in (lambda: c["deque"](itertools.count(), maxlen=0),
                    lambda: c["deque"]().extend(itertools.count()),
                    lambda: c["Counter"](itertools.count()),
                    lambda: c["Counter"]().update(itertools.repeat("a")),
                    lambda: c["OrderedDict"](zip(itertools.count(), itertools.count())),
                    lambda: c["OrderedDict"].fromkeys(itertools.count()),
                    lambda: c["defaultdict"](list, zip(itertools.count(), itertools.count())),
                    lambda: c["UserDict"](zip(itertools.count(), itertools.count())),
                    lambda: c["UserList"](itertools.count())):
        c = fresh("collections", max_ops=20_000)
        with pytest.raises(LimitHit):
            consume()


def test_collections_mirrors_behave_like_cpython():
    loader, _ = loader_for(["collections"])
    c = loader.load("collections")._attrs
    d = c["deque"]([1, 2, 3], maxlen=2)
    d.extend(range(5))
    d += [9]
    assert repr(d) == repr(collections.deque([4, 9], maxlen=2))
    d.extend(d)
    assert list(d) == [4, 9]
    counter = c["Counter"]("abracadabra")
    counter.update({"a": 2})
    counter.subtract("b")
    real = collections.Counter("abracadabra")
    real.update({"a": 2})
    real.subtract("b")
    assert repr(counter) == repr(real)
    assert isinstance(real + real, c["Counter"]) and isinstance(counter, collections.Counter)
    dd = c["defaultdict"](list, {"x": [1]})
    dd["y"].append(2)
    assert repr(dd) == repr(collections.defaultdict(list, {"x": [1], "y": [2]}))
    od = c["OrderedDict"]([("b", 1)], a=2)
    od |= {"c": 3}
    assert repr(od) == repr(collections.OrderedDict([("b", 1), ("a", 2), ("c", 3)]))
    ud = c["UserDict"]({"a": 1})
    ud |= [("b", 2)]
    assert ud == {"a": 1, "b": 2}
    assert c["UserList"](iter([1, 2])) + iter([3]) == [1, 2, 3]
    P = c["namedtuple"]("P", iter(["x", "y"]), defaults=iter([0]))
    assert repr(P(1)) == "P(x=1, y=0)" and P.__module__ == "__main__"


def test_heapq_wrappers_meter_and_match():
    loader, _ = loader_for(["heapq"], max_ops=20_000)
    h = loader.load("heapq")._attrs
    import heapq
    data = [5, 1, 4, 1, 5, 9, 2, 6]
    heap = list(data)
    h["heapify"](heap)
    real = list(data)
    heapq.heapify(real)
    assert heap == real
    assert h["nlargest"](3, iter(data)) == heapq.nlargest(3, data)
    assert h["nsmallest"](2, data, key=lambda x: -x) == heapq.nsmallest(2, data, key=lambda x: -x)
    assert list(h["merge"]([1, 3], iter([2]))) == [1, 2, 3]
    with pytest.raises(LimitHit):
        h["nlargest"](1, itertools.count())


def test_attrgetter_and_methodcaller_go_through_the_guard():
    loader, _ = loader_for(["operator", "json", "math"])
    op = loader.load("operator")._attrs
    assert op["attrgetter"]("real", "imag")(3 + 4j) == (3.0, 4.0)
    assert op["attrgetter"]("pi")(loader.load("math")) == math.pi     # proxies via _attrs
    assert op["methodcaller"]("split", ",", maxsplit=1)("a,b,c") == ["a", "b,c"]
    assert repr(op["attrgetter"]("a.b")) == repr(operator.attrgetter("a.b"))
    dumps = loader.load("json")._attrs["dumps"]
    for name in ("__globals__", "__code__", "_private"):
        with pytest.raises(Refused):
            op["attrgetter"](name)(dumps)
    with pytest.raises(Refused):
        op["methodcaller"]("__subclasses__")(object)

    def gen():
        yield 1
    with pytest.raises(Refused):
        op["attrgetter"]("gi_frame.f_globals")(gen())
    with pytest.raises(Refused):   # str.format reads field paths with a raw getattr
        op["methodcaller"]("format", gen())("{0.gi_frame}")


def test_operator_functions_keep_cpythons_answers_and_meter():
    loader, _ = loader_for(["operator"], max_ops=20_000)
    op = loader.load("operator")._attrs
    assert op["add"](2, 3) == 5 and op["mul"]("ab", 2) == "abab" and op["pow"](2, 10) == 1024
    assert op["countOf"]([1, 2, 1], 1) == 2 and op["indexOf"]("abc", "c") == 2
    assert op["contains"](range(5), 3) and not op["contains"](iter([1]), 2)
    with pytest.raises(ValueError) as real:
        operator.indexOf([1], 2)
    with pytest.raises(ValueError) as ours:
        op["indexOf"]([1], 2)
    assert str(ours.value) == str(real.value)
    lst = [1]
    assert op["iadd"](lst, iter([2])) is lst and lst == [1, 2]
    for loop in (lambda: op["contains"](itertools.count(), -1),
                 lambda: op["countOf"](itertools.repeat(0), 1),
                 lambda: op["iadd"]([], itertools.count()),
                 lambda: op["mul"]("a", 10**10)):
        op = fresh("operator", max_ops=20_000)
        with pytest.raises(LimitHit):
            loop()


def test_functools_restrictions():
    loader, _ = loader_for(["functools"])
    ft = loader.load("functools")._attrs

    def host_function():
        """host"""
    with pytest.raises(Refused):  # only the default names may be copied
        ft["update_wrapper"](host_function, len, assigned=("__globals__",), updated=())
    with pytest.raises(Refused):  # the wrapper must be the sandbox's own
        ft["update_wrapper"](host_function, len)
    assert host_function.__doc__ == "host"
    with pytest.raises(Refused):
        ft["total_ordering"](fractions.Fraction)
    assert ft["reduce"](operator.add, iter(range(5)), 10) == 20
    dispatch = ft["singledispatch"](lambda x: "default")
    dispatch.register(int, lambda x: "int")
    assert dispatch(1) == "int" and dispatch("a") == "default"
    with pytest.raises(Refused):
        dispatch.register(lambda x: x)
    assert "singledispatchmethod" not in loader.load("functools")._attrs


def test_sandbox_classes_pass_the_ownership_checks():
    from safeexec.interp.guards import register_sandbox_class
    loader, _ = loader_for(["functools", "dataclasses"])
    ft = loader.load("functools")._attrs

    class V:
        def __init__(self, v):
            self.v = v

        def __eq__(self, other):
            return self.v == other.v

        def __lt__(self, other):
            return self.v < other.v
    register_sandbox_class(V)
    assert ft["total_ordering"](V)(1) <= V(2)


# -- dataclasses, typing, enum ---------------------------------------------------------------------

def test_dataclass_field_name_injection_is_refused():
    """Field names are pasted into exec'd source: `a,print(...)` ran host code on CPython."""
    from safeexec.interp.guards import register_sandbox_class
    loader, _ = loader_for(["dataclasses"])
    dataclass = attr(loader, "dataclasses", "dataclass")
    hits = []
    P = type("P", (), {"a": 0, "__annotations__": {"a,hits.append(1)": int}})
    register_sandbox_class(P)
    with pytest.raises(Refused, match="identifiers"):
        dataclass(init=False, repr=False)(P)
    Base = type("Base", (), {"__dataclass_fields__": {"x=1": None}})
    register_sandbox_class(Base)
    Child = type("Child", (Base,), {"__annotations__": {"y": int}})
    register_sandbox_class(Child)
    with pytest.raises(Refused):
        dataclass(Child)
    with pytest.raises(Refused, match="forbidden|may not define"):
        attr(loader, "dataclasses", "make_dataclass")("R", ["a"], namespace={"__del__": print})
    assert hits == []


def test_dataclass_only_on_sandbox_classes_and_works_there():
    import dataclasses
    from safeexec.interp.guards import is_sandbox_class, register_sandbox_class
    loader, _ = loader_for(["dataclasses"])
    dataclass = attr(loader, "dataclasses", "dataclass")
    with pytest.raises(Refused):
        dataclass(fractions.Fraction)
    P = type("P", (), {"__annotations__": {"x": int, "y": int}, "y": 0, "__module__": "__main__"})
    register_sandbox_class(P)
    Q = type("P", (), {"__annotations__": {"x": int, "y": int}, "y": 0, "__module__": "__main__"})
    assert repr(dataclass(P)(1)) == repr(dataclasses.dataclass(Q)(1))
    S = type("S", (), {"__annotations__": {"x": int}})
    register_sandbox_class(S)
    slotted = dataclass(slots=True)(S)
    assert slotted is not S and is_sandbox_class(slotted)
    R = attr(loader, "dataclasses", "make_dataclass")("R", ["a", ("b", int, 0)])
    assert is_sandbox_class(R) and repr(R(1)) == "R(a=1, b=0)"


def test_typing_named_tuple_and_aliases():
    loader, _ = loader_for(["typing", "collections"])
    t = loader.load("typing")._attrs
    Q = t["NamedTuple"]("Q", [("a", int)])
    assert repr(Q(3)) == "Q(a=3)" and Q.__module__ == "__main__"
    d = t["Deque"]([1, 2])
    assert type(d) is attr(loader, "collections", "deque") and repr(d) == "deque([1, 2])"
    assert t["get_origin"](t["List"][int]) is list
    with pytest.raises(LimitHit):
        loader_for(["typing"], max_ops=10_000)[0].load("typing")._attrs["Deque"](
            itertools.count())


def test_enum_functional_api_is_checked():
    import enum
    loader, _ = loader_for(["enum", "re"])
    Enum = attr(loader, "enum", "Enum")
    E = Enum("E", "A B")
    assert [m.name for m in E] == ["A", "B"] and E.__module__ == "__main__"
    assert isinstance(E.A, enum.Enum) and isinstance(re.I, Enum)
    assert issubclass(re.RegexFlag, attr(loader, "enum", "Flag"))
    for names in ([("__reduce_ex__", 1)], {"__del__": 1}, "__init_subclass__ X"):
        with pytest.raises(Refused):
            Enum("Bad", names)
    assert "global_enum" not in loader.load("enum")._attrs
    Color = attr(loader, "enum", "EnumType")("Color", (Enum,),
                                             attr(loader, "enum", "EnumType").__prepare__(
                                                 "Color", (Enum,)))
    assert isinstance(Color, enum.EnumType)
    assert mw.is_mirror_metaclass(type(Enum)) and not mw.is_mirror_metaclass(type)


# -- decimal, fractions, statistics ----------------------------------------------------------------

def test_decimal_context_is_the_sandboxs_and_capped():
    loader, _ = loader_for(["decimal"])
    d = loader.load("decimal")._attrs
    host = decimal.getcontext()
    host_prec = host.prec
    ctx = d["getcontext"]()
    assert ctx is not host and ctx.prec == 28
    ctx.prec = 50
    assert decimal.getcontext().prec == host_prec
    with pytest.raises(Refused):
        ctx.prec = 10**6
    with pytest.raises(Refused):
        d["Context"](prec=10**6)
    with pytest.raises(Refused):
        d["setcontext"](decimal.Context(Emax=decimal.MAX_EMAX))
    with pytest.raises(Refused):
        d["localcontext"](prec=10**6)
    assert "DefaultContext" not in d
    assert mw.settable_attribute(ctx, "prec") and not mw.settable_attribute(host, "prec")
    assert type(copy.copy(ctx)) is type(ctx) and type(ctx.copy()) is type(ctx)


def test_decimal_arithmetic_uses_the_sandbox_context_while_running():
    loader, _ = loader_for(["decimal"])
    d = loader.load("decimal")._attrs
    D = d["Decimal"]
    host = decimal.getcontext()
    with loader.running():
        d["getcontext"]().prec = 5
        assert str(D(1) / D(7)) == "0.14286"
        with d["localcontext"]() as local:
            local.prec = 3
            assert str(D(1) / D(7)) == "0.143"
        assert str(D(1) / D(7)) == "0.14286"
        with pytest.raises(decimal.Overflow):   # Emax is capped: this int() would take 25 s
            D(10) ** 999999
    assert decimal.getcontext() is host
    assert str(decimal.Decimal(1) / decimal.Decimal(7)) == "0.1428571428571428571428571429"
    with loader.running():
        assert str(D(1) / D(7)) == "0.14286"    # the sandbox's context persists across runs
    assert decimal.getcontext() is host


def test_decimal_and_fraction_exponents_are_capped():
    loader, _ = loader_for(["decimal", "fractions"])
    D, F = attr(loader, "decimal", "Decimal"), attr(loader, "fractions", "Fraction")
    assert D("1.5e300") == decimal.Decimal("1.5e300") and repr(D("2.5")) == "Decimal('2.5')"
    assert isinstance(D(1) + 1, D) and isinstance(F(1, 2) * 2, F)
    assert F("3/4") == fractions.Fraction(3, 4) and F("1e10") == fractions.Fraction(10**10)
    assert F.from_decimal(D("0.25")) == fractions.Fraction(1, 4)
    for make in (lambda: D("1e1000000000"), lambda: D((0, (1,), -10**9)),
                 lambda: F("1e100000000"), lambda: F(decimal.Decimal("1e-100000000")),
                 lambda: F.from_decimal(decimal.Decimal("1e999999"))):
        start = time.monotonic()
        with pytest.raises(Refused):
            make()
        assert time.monotonic() - start < 0.5


def test_statistics_match_cpython_and_meter_their_data():
    loader, _ = loader_for(["statistics"])
    st = loader.load("statistics")._attrs
    data = [2.5, 3.25, 5.5, 1.0, 4.75]
    for name in ("mean", "median", "stdev", "pvariance", "median_grouped", "geometric_mean"):
        assert st[name](iter(data)) == getattr(statistics, name)(data), name
    assert st["fmean"](data, [1, 2, 3, 4, 5]) == statistics.fmean(data, [1, 2, 3, 4, 5])
    assert st["quantiles"](data, n=4) == statistics.quantiles(data, n=4)
    assert st["correlation"](data, data) == statistics.correlation(data, data)
    assert st["mode"]("aab") == "a"
    assert repr(st["NormalDist"].from_samples(data)) == \
        repr(statistics.NormalDist.from_samples(data))
    small, _ = loader_for(["statistics"], max_ops=20_000)
    with pytest.raises(LimitHit):
        small.load("statistics")._attrs["mean"](itertools.count())
    with pytest.raises(Refused):
        st["mean"]([decimal.Decimal("1e100000000")])


def test_normaldist_samples_use_the_sandbox_generator():
    loader, _ = loader_for(["statistics", "random"])
    attr(loader, "random", "seed")(3)
    ours = attr(loader, "statistics", "NormalDist")(0, 1).samples(3)
    state = random.getstate()
    try:
        random.seed(3)
        assert ours == statistics.NormalDist(0, 1).samples(3)
    finally:
        random.setstate(state)
    with pytest.raises(LimitHit):
        attr(loader, "statistics", "NormalDist")().samples(10**10)


# -- json, pprint, copy, re, textwrap, csv, calendar, struct, array, io ----------------------------

def test_json_round_trips_like_cpython():
    loader, _ = loader_for(["json"])
    j = loader.load("json")._attrs
    obj = {"a": [1, 2.5, None, True, "é"], "b": {"c": []}}
    for kw in ({}, {"indent": 2, "sort_keys": True}, {"ensure_ascii": False},
               {"separators": (",", ":")}):
        assert j["dumps"](obj, **kw) == json.dumps(obj, **kw)
    assert j["loads"](json.dumps(obj)) == obj
    assert j["load"](io.StringIO("[1]")) == [1]
    out = io.StringIO()
    j["dump"](obj, out)
    assert out.getvalue() == json.dumps(obj)
    with pytest.raises(json.JSONDecodeError) as real:
        json.loads("{bad")
    with pytest.raises(json.JSONDecodeError) as ours:
        j["loads"]("{bad")
    assert str(ours.value) == str(real.value)
    assert j["loads"]('[[[["]]]]]]]]"]]]]') == [[[["]]]]]]]]"]]]]


def test_json_deep_input_is_refused_before_decoding():
    loader, _ = loader_for(["json"])
    j = loader.load("json")._attrs
    assert j["loads"]("[" * 900 + "]" * 900) is not None
    for text in ("[" * 100_000 + "]" * 100_000, b"{" + b'"a":[' * 5000 + b"]" * 5000 + b"}"):
        with pytest.raises(ValueError, match="levels"):
            j["loads"](text)
    with pytest.raises(ValueError, match="levels"):
        j["JSONDecoder"]().decode("[" * 5000 + "]" * 5000)


def test_json_output_size_and_cls_are_checked():
    loader, _ = loader_for(["json"], max_memory=10 * 2**20)
    j = loader.load("json")._attrs
    row = ["x" * 1000] * 1000
    with pytest.raises(LimitHit) as hit:
        j["dumps"]([row] * 100)
    assert hit.value.limit == "memory"
    j = loader_for(["json"], max_memory=10 * 2**20)[0].load("json")._attrs
    with pytest.raises(LimitHit):
        j["dumps"]([1, [2]], indent=10**9)
    j = fresh("json")
    with pytest.raises(Refused):
        j["dumps"]([1], cls=json.JSONEncoder.__class__)
    assert j["dumps"]({1}, default=sorted) == "[1]"
    assert isinstance(json.JSONDecoder(), j["JSONDecoder"])


def test_pprint_writes_to_the_sandbox_output(capsys):
    loader, meter = loader_for(["pprint"])
    pp = loader.load("pprint")._attrs
    data = {"b": list(range(30)), "a": "x" * 40}
    pp["pprint"](data)
    pp["pp"](data, width=40)
    pp["PrettyPrinter"](indent=2).pprint([data])
    import pprint
    expected = (pprint.pformat(data) + "\n" + pprint.pformat(data, width=40, sort_dicts=False)
                + "\n" + pprint.PrettyPrinter(indent=2).pformat([data]) + "\n")
    assert meter.text() == expected
    assert capsys.readouterr().out == ""
    assert pp["pformat"](data) == pprint.pformat(data)
    with pytest.raises(LimitHit):
        loader_for(["pprint"], max_ops=50_000)[0].load("pprint")._attrs["pformat"](
            [[list(range(100))] * 1000] * 1000)


def test_deepcopy_is_charged_per_object():
    loader, _ = loader_for(["copy"], max_ops=100_000)
    deep = attr(loader, "copy", "deepcopy")
    data = [[1, 2], {"x": [3]}]
    assert deep(data) == copy.deepcopy(data) and deep(data)[0] is not data[0]
    with pytest.raises(LimitHit):
        deep([0] * 10**6)


def test_re_debug_and_huge_substitutions():
    loader, _ = loader_for(["re"], max_memory=50 * 2**20)
    r = loader.load("re")._attrs
    assert r["sub"](r"(a)", r"<\1>", "banana") == re.sub(r"(a)", r"<\1>", "banana")
    assert r["subn"]("a", "x", "aaa", count=2) == ("xxa", 2)
    assert r["sub"]("b", "y" * 2**20, "abab") == re.sub("b", "y" * 2**20, "abab")
    assert r["sub"](r"(b)", r"\1" * 2**16, "ab" * 8) == re.sub(r"(b)", r"\1" * 2**16, "ab" * 8)
    with pytest.raises(Refused):
        r["compile"]("a", re.DEBUG)
    with pytest.raises(Refused):
        r["search"]("a", "a", re.DEBUG | re.I)
    start = time.monotonic()
    with pytest.raises(LimitHit) as hit:
        r["sub"]("", "x" * 10**5, "a" * 10**5)
    assert hit.value.limit == "memory" and time.monotonic() - start < 2


def test_textwrap_matches_and_bounds_output():
    import textwrap
    loader, _ = loader_for(["textwrap"])
    tw = loader.load("textwrap")._attrs
    text = "The quick brown fox jumps over the lazy dog. " * 4
    assert tw["fill"](text, width=30) == textwrap.fill(text, width=30)
    assert tw["wrap"](text, 25, initial_indent="> ") == textwrap.wrap(text, 25,
                                                                     initial_indent="> ")
    assert tw["shorten"](text, width=40) == textwrap.shorten(text, width=40)
    assert tw["indent"]("a\nb", "  ") == textwrap.indent("a\nb", "  ")
    with pytest.raises(LimitHit):
        tw["indent"]("\n" * 10**6, "x" * 10**4)


def test_csv_reader_and_writer_are_metered():
    import csv
    loader, _ = loader_for(["csv"], max_ops=20_000)
    c = loader.load("csv")._attrs
    f = io.StringIO()
    c["writer"](f).writerows([[1, "a,b"], [2, None]])
    real = io.StringIO()
    csv.writer(real).writerows([[1, "a,b"], [2, None]])
    assert f.getvalue() == real.getvalue()
    assert list(c["reader"](["x,y", "1,2"])) == [["x", "y"], ["1", "2"]]
    assert list(c["DictReader"](io.StringIO("a,b\n1,2"))) == [{"a": "1", "b": "2"}]
    with pytest.raises(LimitHit):
        c["writer"](io.StringIO()).writerows(itertools.repeat([1]))
    with pytest.raises(LimitHit):
        fresh("csv", max_ops=20_000)["DictWriter"](io.StringIO(), ["a"]).writerows(
            itertools.repeat({}))


def test_calendar_prints_to_the_sandbox_and_keeps_its_own_settings():
    import calendar
    loader, meter = loader_for(["calendar"])
    cal = loader.load("calendar")._attrs
    cal["prmonth"](2024, 2)
    assert meter.text() == calendar.month(2024, 2)
    host_first = calendar.firstweekday()
    cal["setfirstweekday"](calendar.SUNDAY)
    assert calendar.firstweekday() == host_first and cal["firstweekday"]() == calendar.SUNDAY
    with pytest.raises(calendar.IllegalWeekdayError):
        cal["setfirstweekday"](9)
    with pytest.raises(LimitHit):
        cal["month"](2024, 1, w=10**8)
    assert "c" not in cal and cal["mdays"] == tuple(calendar.mdays)


def test_struct_array_and_buffers_are_size_checked():
    import array
    import struct
    loader, _ = loader_for(["struct", "array", "io"])
    s = loader.load("struct")._attrs
    assert s["pack"](">I", 1) == struct.pack(">I", 1)
    assert s["unpack"]("<2H", b"\x01\x00\x02\x00") == (1, 2)
    assert s["Struct"](">h").pack(2) == struct.Struct(">h").pack(2)
    with pytest.raises(struct.error) as real:
        struct.pack("y", 1)
    with pytest.raises(struct.error) as ours:
        s["pack"]("y", 1)
    assert str(ours.value) == str(real.value)
    arr = attr(loader, "array", "array")("i", iter([1, 2]))
    assert arr * 2 == array.array("i", [1, 2, 1, 2]) and isinstance(arr, array.array)
    for big in (lambda: fresh("struct")["pack"]("1000000000x"),
                lambda: fresh("struct")["Struct"]("1000000000s"),
                lambda: fresh("array")["array"]("b", [0]) * 10**10,
                lambda: fresh("io")["BufferedReader"](io.BytesIO(b""), 10**10)):
        with pytest.raises(LimitHit):
            big()


def test_zoneinfo_cache_clearing_stays_in_the_sandbox():
    import zoneinfo
    loader, _ = loader_for(["zoneinfo"])
    ZoneInfo = attr(loader, "zoneinfo", "ZoneInfo")
    host = zoneinfo.ZoneInfo("UTC")
    ZoneInfo.clear_cache()
    assert zoneinfo.ZoneInfo("UTC") is host
    assert isinstance(host, ZoneInfo) and repr(ZoneInfo("UTC")) == repr(host)


def test_wrapped_iterators_tick_the_meter_current_when_consumed():
    """One loader serves many runs: a lazy adapter built in one run and consumed in the next
    must charge the meter of the run that consumes it."""
    first = Meter(Limits())
    current = [first]
    loader = ModuleLoader(ImportPolicy(["itertools"]), lambda: current[0])
    chain = loader.load("itertools")._attrs["chain"](iter(range(100)))
    first.close()
    second = Meter(Limits())
    current[0] = second
    assert sum(chain) == sum(range(100))
    assert second.ops >= 100


# -- regular expressions under the deadline --------------------------------------------------------

def test_regex_risk_classification():
    assert mw._regex_risk("abc", 0) == 0 and mw._regex_risk(r"\d{3}-\d{4}", 0) == 1
    assert mw._regex_risk("a+b", 0) == 1 and mw._regex_risk("a*a*b", 0) == 1
    for nested in ("(a+)+$", "((a+)+)+$", "(a|aa)*c", r"(a)\1", "(x+x+)+y"):
        assert mw._regex_risk(nested, 0) == 2, nested


@pytest.mark.parametrize("call", [
    lambda r: r["match"]("((a+)+)+$", "a" * 30 + "!"),
    lambda r: r["search"]("a*a*b", "a" * 8000),            # cubic: 8.7 s in CPython
    lambda r: r["findall"]("((a+)+)+$", "a" * 30 + "!"),
    lambda r: list(r["finditer"]("((a+)+)+$", "a" * 30 + "!")),
    lambda r: r["sub"]("((a+)+)+$", "", "a" * 30 + "!"),
    lambda r: r["split"]("((a+)+)+$", "a" * 30 + "!"),
])
def test_backtracking_regex_ends_at_the_deadline(call):
    loader, _ = loader_for(["re"], timeout=0.3)
    start = time.monotonic()
    with pytest.raises(LimitHit) as hit:
        call(loader.load("re")._attrs)
    assert hit.value.limit == "time" and time.monotonic() - start < 2


def test_compiled_pattern_methods_are_wrapped_for_the_guard():
    loader, _ = loader_for(["re"], timeout=0.3)
    wraps = loader.type_wraps()
    pattern = re.compile("((a+)+)+$")          # also what Match.re hands out
    assert wraps[(re.Pattern, "match")](pattern)("aaa") is not None
    assert wraps[(re.Pattern, "sub")](re.compile("b"))("x", "abc") == "axc"
    with pytest.raises(Refused):
        wraps[(re.Pattern, "scanner")](pattern)
    match = re.match("(a+)", "a" * 1000)
    assert wraps[(re.Match, "expand")](match)(r"<\1>") == match.expand(r"<\1>")
    with pytest.raises(LimitHit):
        wraps[(re.Match, "expand")](match)(r"\1" * 10**6)
    with pytest.raises(LimitHit):
        loader_for(["re"], timeout=0.3)[0].type_wraps()[(re.Pattern, "search")](pattern)(
            "a" * 30 + "!")


def test_regex_deadline_keeps_the_hosts_alarm():
    import signal

    class HostAlarm(Exception):
        pass

    def host_handler(signum, frame):
        raise HostAlarm

    loader, _ = loader_for(["re"], timeout=5)
    search = loader.load("re")._attrs["search"]
    old = signal.signal(signal.SIGALRM, host_handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        assert search("a+b", "a" * 2000 + "b")
        assert signal.getsignal(signal.SIGALRM) is host_handler
        assert 25 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
        signal.setitimer(signal.ITIMER_REAL, 0.2)      # the host's alarm comes due first
        with pytest.raises(HostAlarm):
            search("((a+)+)+$", "a" * 40 + "!")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# -- file names ------------------------------------------------------------------------------------

def test_xml_and_configparser_take_file_objects_not_names():
    import configparser
    import xml.etree.ElementTree as ET
    loader, meter = loader_for(["xml.etree.ElementTree", "xml.dom.minidom", "configparser"])
    et = loader.load("xml.etree.ElementTree")._attrs
    tree = et["parse"](io.StringIO("<a><b>1</b></a>"))
    assert ET.tostring(tree.getroot()) == b"<a><b>1</b></a>"
    assert et["fromstring"]("<x/>").tag == "x"
    for call in (lambda: et["parse"]("/etc/hostname"), lambda: et["iterparse"]("/etc/hostname"),
                 lambda: et["ElementTree"](file="/etc/hostname"),
                 lambda: et["ElementTree"](ET.Element("a")).write("/tmp/safeexec-never"),
                 lambda: loader.load("xml.dom.minidom")._attrs["parse"]("/etc/hostname"),
                 lambda: attr(loader, "configparser", "ConfigParser")().read("/etc/hostname")):
        with pytest.raises(Refused, match="file"):
            call()
    et["dump"](ET.fromstring("<a/>"))
    assert meter.text() == "<a />\n"
    parser = attr(loader, "configparser", "ConfigParser")()
    parser.read_string("[s]\nk = v\n")
    assert parser["s"]["k"] == "v" and isinstance(parser, configparser.ConfigParser)
    assert "register_namespace" not in et


def test_stacked_lazy_adapters_are_bounded():
    """next() through 20,000 stacked generators takes seconds before RecursionError."""
    loader, _ = loader_for(["itertools", "heapq"])
    it = loader.load("itertools")._attrs
    x = iter([1])
    with pytest.raises(LimitHit) as hit:
        for _ in range(5000):
            x = it["islice"](x, 5)
    assert hit.value.limit == "depth"
    it = fresh("itertools")
    y = iter([1])
    for _ in range(500):
        y = it["chain"](y)
    assert next(y) == 1


def test_a_stub_parent_explains_itself():
    loader, _ = loader_for(["os.path"])
    os_stub = loader.import_module_binding("os.path")
    assert loader.missing_reason(os_stub, "system") == \
        "import of 'os' is not allowed; allowed imports: os.path"


def test_partial_calls_are_checked_like_direct_calls():
    import functools
    ft = fresh("functools", max_memory=64 * 2**20)
    p = ft["partial"](int, base=2)
    assert p("101") == 5 and repr(p) == repr(functools.partial(int, base=2))
    assert isinstance(functools.partial(int), ft["partial"]) and isinstance(p, functools.partial)
    with pytest.raises(LimitHit) as hit:
        ft["partial"](str.ljust, "a", 10**10)()
    assert hit.value.limit == "memory"
