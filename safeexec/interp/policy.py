"""The reviewed allowlists of the ast backend: data only, one reason per entry.

Security-critical: every attribute the sandbox can read on a builtin type, every builtin name it can
see and every dunder it may touch is listed here. Anything absent is refused. Denylists below are a
second layer for host objects whose types are not listed. Imports nothing from safeexec.
"""
from __future__ import annotations

import builtins

# -- builtin names ---------------------------------------------------------------------------------
# Exposed as-is: pure functions and types whose every call is bounded by argument size (or whose
# size is pre-checked by sizes.check_call at the call site).
PLAIN_BUILTINS = frozenset({
    "abs", "ascii", "bin", "bool", "callable", "chr", "complex", "divmod", "float", "hash", "hex",
    "id", "int", "isinstance", "issubclass", "len", "oct", "ord", "repr", "round", "slice", "str",
    "bytes", "bytearray", "range", "object", "classmethod", "staticmethod", "property",
    "NotImplemented", "Ellipsis", "iter", "next",
})
# Replaced by metered/guarded versions in safe_builtins.py (consume iterables in C, or reach
# attributes, or print).
WRAPPED_BUILTINS = frozenset({
    "print", "getattr", "setattr", "hasattr", "delattr", "dir", "format", "pow", "sum", "min",
    "max", "sorted", "list", "tuple", "set", "frozenset", "dict", "any", "all", "enumerate", "zip",
    "map", "filter", "reversed", "type", "super",
})
# Never exposed, with why (the checker names these in its message).
FORBIDDEN_BUILTINS = {
    "__import__": "imports go through the import statement and allowed_imports",
    "eval": "runs code outside the sandbox's checks",
    "exec": "runs code outside the sandbox's checks",
    "compile": "builds code objects",
    "open": "no file access",
    "input": "no standard input",
    "breakpoint": "no debugger",
    "help": "reads the host's modules",
    "exit": "use return or raise instead",
    "quit": "use return or raise instead",
    "globals": "exposes the namespace dict",
    "locals": "exposes frame internals",
    "vars": "exposes object dicts",
    "memoryview": "exposes buffers and their owners (memoryview.obj)",
    "__builtins__": "the builtins module is not reachable",
    "__loader__": "module loaders are not reachable",
    "__spec__": "module specs are not reachable",
    "copyright": "interactive helper", "credits": "interactive helper",
    "license": "interactive helper",
}

# -- dunder attributes -----------------------------------------------------------------------------
# Readable dunders: names, docs, and protocol methods that return bound methods of the object
# itself (super().__init__(...), hasattr(x, '__iter__')). None of them returns a frame, code,
# namespace, class hierarchy walk, or function internals.
READABLE_DUNDERS = frozenset({
    "__name__", "__qualname__", "__doc__", "__class__", "__module__", "__match_args__",
    "__members__", "__init__", "__len__", "__iter__", "__next__", "__getitem__", "__setitem__",
    "__delitem__", "__contains__", "__call__", "__enter__", "__exit__", "__str__", "__repr__",
    "__format__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__",
    "__bool__", "__add__", "__radd__", "__iadd__", "__sub__", "__rsub__", "__isub__", "__mul__",
    "__rmul__", "__imul__", "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__",
    "__mod__", "__rmod__", "__neg__", "__pos__", "__abs__", "__invert__", "__and__", "__or__",
    "__xor__", "__rand__", "__ror__", "__rxor__", "__matmul__", "__reversed__", "__missing__",
    "__index__", "__int__", "__float__", "__round__", "__post_init__", "__dataclass_fields__",
})
# Dunder methods a sandbox class may not define: CPython calls them outside any run's limits
# (__del__ at collection time) or hands what they return to host machinery (copy/pickle reduce).
FORBIDDEN_DEFINITIONS = {
    "__del__": "finalizers run outside the sandbox's limits",
    "__reduce__": "copy/pickle reduce hooks let the host call what they return",
    "__reduce_ex__": "copy/pickle reduce hooks let the host call what they return",
    "__getnewargs__": "pickle hook", "__getnewargs_ex__": "pickle hook",
    "__setstate__": "pickle hook", "__getstate__": "pickle hook",
    "__class_getitem__": "typing machinery hook",
    "__init_subclass__": "runs on host-side class creation",
    "__prepare__": "metaclass namespace hook", "__instancecheck__": "called by host isinstance",
    "__subclasscheck__": "called by host issubclass", "__set_name__": "descriptor hook",
    "__getattribute__": "would see every attribute lookup, including the interpreter's",
    "__builtins__": "the builtins module is not reachable",
    "__dict__": "host code (functools.update_wrapper) would write raw namespaces into it",
    "__class__": "host isinstance() checks would trust it",
}

# -- host objects: names refused whatever the type ---------------------------------------------------
# Frames, code, generator/coroutine internals and tracebacks (ATTACK-SURFACE §1a) and host function
# objects hidden in public attributes (§1b).
DENIED_NAMES = frozenset({
    "gi_frame", "gi_code", "gi_yieldfrom", "cr_frame", "cr_code", "cr_await", "cr_origin",
    "ag_frame", "ag_code", "ag_await", "f_back", "f_globals", "f_locals", "f_builtins", "f_code",
    "f_trace", "f_lasti", "f_lineno", "tb_frame", "tb_next", "tb_lasti", "tb_lineno", "mro",
    "fget", "fset", "fdel", "cache_parameters", "parse_object", "parse_array", "parse_string",
    "scan_once", "dispatch", "registry", "register",
})
DENIED_PREFIXES = ("co_", "gi_", "cr_", "ag_", "f_", "tb_")
# Names refused on instances of these types only (pass-through of the creator's objects).
DENIED_BY_TYPE = {
    BaseException: frozenset({"obj", "with_traceback"}),
}

# -- builtin types: reviewed attribute tables ----------------------------------------------------------
_STR = ("capitalize casefold center count encode endswith expandtabs find format format_map index "
        "isalnum isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable "
        "isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix "
        "removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines "
        "startswith strip swapcase title translate upper zfill")
_BYTES = ("capitalize center count decode endswith expandtabs find fromhex hex index isalnum "
          "isalpha isascii isdigit islower isspace istitle isupper join ljust lower lstrip "
          "maketrans partition removeprefix removesuffix replace rfind rindex rjust rpartition "
          "rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill")
TYPE_ATTRS: dict[type, frozenset[str]] = {
    str: frozenset(_STR.split()),
    bytes: frozenset(_BYTES.split()),
    bytearray: frozenset((_BYTES + " append clear copy extend insert pop remove reverse").split()),
    int: frozenset("as_integer_ratio bit_count bit_length conjugate denominator from_bytes imag "
                   "numerator real to_bytes".split()),
    bool: frozenset("as_integer_ratio bit_count bit_length conjugate denominator imag numerator "
                    "real".split()),
    float: frozenset("as_integer_ratio conjugate fromhex hex imag is_integer real".split()),
    complex: frozenset("conjugate imag real".split()),
    list: frozenset("append clear copy count extend index insert pop remove reverse sort".split()),
    tuple: frozenset("count index".split()),
    dict: frozenset("clear copy fromkeys get items keys pop popitem setdefault update values".split()),
    set: frozenset("add clear copy difference difference_update discard intersection "
                   "intersection_update isdisjoint issubset issuperset pop remove "
                   "symmetric_difference symmetric_difference_update union update".split()),
    frozenset: frozenset("copy difference intersection isdisjoint issubset issuperset "
                         "symmetric_difference union".split()),
    range: frozenset("count index start step stop".split()),
    slice: frozenset("indices start step stop".split()),
    type(None): frozenset(),
}
# Generators: the protocol only (gi_frame/gi_code/gi_yieldfrom are the classic escapes).
GENERATOR_ATTRS = frozenset({"send", "throw", "close", "gi_running", "gi_suspended"})

# Host types whose instances sandboxed code may set attributes on (besides its own classes).
SETATTR_TYPES_BY_NAME = frozenset({"types.SimpleNamespace", "argparse.Namespace"})


# The builtin exception classes by their builtins names (EnvironmentError, IOError: OSError).
BUILTIN_EXCEPTIONS = {name: value for name, value in vars(builtins).items()
                      if isinstance(value, type) and issubclass(value, BaseException)}
