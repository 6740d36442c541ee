"""Values that cross the sandbox boundary (tool arguments and results, variables, the REPL value).

This file runs on the host (CPython 3.11) and, as source text prepended to the guest driver, inside
the guest (CPython 3.12): keep it self-contained and valid on both. It imports nothing at module
level: importing `json` costs the guest ~30 ms of boot (it pulls in `re`), so the guest driver
builds its JSON functions on `_json` directly.

JSON carries None, bool, int, float (NaN and infinities included) and str as themselves, list as
an array and a dict with str keys as an object. The other builtin values travel as one-key tagged
objects: {"$tuple": [...]}, {"$set": [...]}, {"$frozenset": [...]}, {"$bytes": "<hex>"},
{"$int": "<hex>"} (ints too long for a decimal string under int_max_str_digits),
{"$complex": [real, imag]} and {"$dict": [[key, value], ...]} (non-str keys, or a dict that would
read as a tag).

Only exact builtin types are encoded: a namedtuple, an OrderedDict or a bool subclass would come
back as a different type, so they are refused rather than silently converted. Decoding builds only
these builtin types, never anything the other side names (no pickle: the host must not construct
objects the guest chose).
"""
MAX_DEPTH = 100        # nesting deeper than this is refused (it would also strain json's C code)
BIG_INT_BITS = 4000    # ints longer than this travel as hex (~1,200 decimal digits)


class Unencodable(TypeError):
    """The value (or something inside it) cannot cross the boundary."""


def to_plain(value, depth=0):
    """`value` as JSON-ready data; raises Unencodable."""
    if depth > MAX_DEPTH:
        raise Unencodable("the value is nested too deeply")
    t = type(value)
    if value is None or t is bool or t is float or t is str:
        return value
    if t is int:
        if value.bit_length() > BIG_INT_BITS:
            return {"$int": hex(value)}
        return value
    if t is list:
        return [to_plain(v, depth + 1) for v in value]
    if t is dict:
        if all(type(k) is str for k in value) and not (len(value) == 1 and
                                                       next(iter(value)).startswith("$")):
            return {k: to_plain(v, depth + 1) for k, v in value.items()}
        return {"$dict": [[to_plain(k, depth + 1), to_plain(v, depth + 1)]
                          for k, v in value.items()]}
    if t is tuple:
        return {"$tuple": [to_plain(v, depth + 1) for v in value]}
    if t is set or t is frozenset:
        return {"$" + t.__name__: [to_plain(v, depth + 1) for v in value]}
    if t is bytes:
        return {"$bytes": value.hex()}
    if t is complex:
        return {"$complex": [value.real, value.imag]}
    raise Unencodable(f"'{t.__name__}' values cannot cross the sandbox boundary")


def from_plain(data, depth=0):
    """The value `data` (from json.loads) stands for; raises ValueError when it is malformed."""
    if depth > MAX_DEPTH:
        raise ValueError("value nested too deeply")
    t = type(data)
    if data is None or t is bool or t is int or t is float or t is str:
        return data
    if t is list:
        return [from_plain(v, depth + 1) for v in data]
    if t is not dict:
        raise ValueError(f"unexpected {t.__name__} in an encoded value")
    if len(data) == 1:
        tag, inner = next(iter(data.items()))
        if tag.startswith("$"):
            return _tagged(tag, inner, depth)
    return {k: from_plain(v, depth + 1) for k, v in data.items()}


def _tagged(tag, inner, depth):
    try:
        if tag == "$int" and type(inner) is str:
            return int(inner, 16)
        if tag == "$bytes" and type(inner) is str:
            return bytes.fromhex(inner)
        if tag == "$complex" and type(inner) is list and len(inner) == 2 and \
                all(type(part) is float for part in inner):
            return complex(*inner)
        if type(inner) is not list:
            raise ValueError(f"malformed {tag}")
        items = [from_plain(v, depth + 1) for v in inner]
        if tag == "$tuple":
            return tuple(items)
        if tag == "$set":
            return set(items)
        if tag == "$frozenset":
            return frozenset(items)
        if tag == "$dict":
            if not all(type(p) is list and len(p) == 2 for p in inner):
                raise ValueError("malformed $dict")
            return {from_plain(k, depth + 1): from_plain(v, depth + 1) for k, v in inner}
    except TypeError as exc:       # an unhashable key or set element
        raise ValueError(f"malformed {tag}: {exc}") from None
    raise ValueError(f"unknown tag {tag!r}")


def dumps(value):
    """JSON text of `value`; raises Unencodable. (Host side.)"""
    import json
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))


def loads(text):
    """The value of JSON text made by `dumps`; raises ValueError when it is malformed. (Host
    side.)"""
    import json
    return from_plain(json.loads(text))
