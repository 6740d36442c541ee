"""The value codec (pure: runs without wasmtime). Round trips must give back equal values of the
same exact types; anything else must be refused, never silently converted."""
from __future__ import annotations

import collections
import json
import math

import pytest

from safeexec.wasm import codec

ROUND_TRIPS = [
    None, True, False, 0, -7, 2**63, -(2**64), 10**1300, -(2**5000), 1.5, -0.0, float("inf"),
    float("-inf"), "", "text", "é漢字", "\ud800 lone surrogate", b"", b"\x00\xffbytes",
    [], [1, [2, [3]]], (), (1, "a", (2.5,)), {"a": 1}, {}, {1: "int key"}, {(1, 2): [3]},
    {None: 0, True: 1, 2.5: 2, b"k": 3, frozenset({1}): 4}, {"$tuple": [1]}, {"$": 1},
    {"$a": 1, "$b": 2}, set(), {1, "two", (3,)}, frozenset({1, 2}), 3 + 4j, complex(0, -1),
    [{"rows": [(1, "x"), (2, "y")], "tags": {"a", "b"}}],
]


@pytest.mark.parametrize("value", ROUND_TRIPS,
                         ids=[f"{i}-{type(v).__name__}" for i, v in enumerate(ROUND_TRIPS)])
def test_round_trip_keeps_value_and_exact_types(value) -> None:
    back = codec.loads(codec.dumps(value))
    assert back == value
    assert _types(back) == _types(value)


def _types(value):
    """The exact type of `value` and of everything inside it, in order."""
    if isinstance(value, (list, tuple)):
        return (type(value), [_types(v) for v in value])
    if isinstance(value, dict):
        return (dict, sorted((repr(k), _types(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return (type(value), sorted(repr(v) for v in value))
    return type(value)


def test_nan_round_trips() -> None:
    assert math.isnan(codec.loads(codec.dumps(float("nan"))))
    back = codec.loads(codec.dumps(complex(float("nan"), 1)))
    assert math.isnan(back.real) and back.imag == 1


def test_plain_json_stays_plain() -> None:
    value = {"a": [1, 2.5, None, True, "s"], "b": {"c": []}}
    assert json.loads(codec.dumps(value)) == value


class Sub(dict):
    pass


@pytest.mark.parametrize("value", [
    object(), len, print, type, Sub(a=1), collections.OrderedDict(a=1), collections.Counter("ab"),
    collections.namedtuple("P", "x y")(1, 2), bytearray(b"x"), range(3), [1, object()],
    {"k": {1, 2, frozenset({object()})}}, iter([]),
])
def test_values_that_cannot_cross_are_refused(value) -> None:
    with pytest.raises(codec.Unencodable):
        codec.dumps(value)


def test_bool_subclass_and_int_subclass_are_refused() -> None:
    class Flag(int):
        pass
    with pytest.raises(codec.Unencodable):
        codec.to_plain(Flag(1))


def test_cycles_and_deep_nesting_are_refused() -> None:
    cyclic: list = []
    cyclic.append(cyclic)
    with pytest.raises(codec.Unencodable):
        codec.to_plain(cyclic)
    deep: list = []
    for _ in range(codec.MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(codec.Unencodable):
        codec.to_plain(deep)


@pytest.mark.parametrize("text", [
    '{"$tuple": 5}', '{"$set": [[1]]}', '{"$dict": [[[1], 2]]}', '{"$dict": [1, 2]}',
    '{"$bytes": "zz"}', '{"$int": 7}', '{"$complex": [1, 2]}', '{"$unknown": []}',
    '{"$frozenset": [{"a": 1}]}',
])
def test_malformed_or_unknown_tags_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        codec.loads(text)


def test_decoding_is_depth_limited() -> None:
    text = "[" * (codec.MAX_DEPTH + 5) + "]" * (codec.MAX_DEPTH + 5)
    with pytest.raises(ValueError):
        codec.loads(text)
