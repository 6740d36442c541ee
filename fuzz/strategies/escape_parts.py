"""The attacker's vocabulary: starting points, attribute names, known routes and goals.

Pure data (source snippets), composed by `escape.py`. Every snippet leaves its object in `x`.
Sources are ATTACK-SURFACE.md, public sandbox-escape write-ups (pyjail chains: subclasses ->
`__init__.__globals__`, generator and traceback frames, loaders, format strings) and the CVE
history of RestrictedPython and smolagents.

Trap: snippets must be valid Python on their own (test_strategies.py compiles every one), and must
never name a secret: the program may only find one, never contain one.
"""
from __future__ import annotations

# -- starting points: (label, source that binds x) -----------------------------------------------
LITERALS = ["()", "''", "0", "[]", "{}", "b''", "1.5", "None", "...", "True", "1j", "range(3)",
            "frozenset()", "bytearray()", "slice(1)", "object()", "memoryview(b'ab')"]

BUILTIN_NAMES = [
    "print", "len", "type", "object", "getattr", "setattr", "vars", "dir", "iter", "map", "super",
    "open", "eval", "exec", "compile", "__import__", "globals", "locals", "breakpoint", "help",
    "input", "__builtins__", "__loader__", "__spec__", "__name__", "exit", "quit", "license",
    "property", "classmethod", "staticmethod", "memoryview", "id", "hash", "format", "sorted",
]

HOST_NAMES = ["lookup", "fetch", "api", "tool_partial", "fail", "apply", "make_callback", "stream",
              "record", "data", "record.describe", "make_callback()", "stream()", "api.fetch",
              "type(record)", "data['rows']"]

MODULE_STARTS = [
    "math", "json", "re", "functools", "operator", "string", "collections", "itertools",
    "datetime", "statistics", "typing", "dataclasses", "enum", "fractions", "decimal", "random",
    "copy", "textwrap", "base64", "heapq", "bisect", "time", "calendar", "uuid", "hashlib",
    "pprint", "csv", "html", "io", "zoneinfo", "queue", "os.path", "urllib.parse",
    "json.dumps", "json.JSONDecoder()", "json.JSONDecoder().scan_once", "fractions.Fraction",
    "fractions.Fraction.numerator", "functools.partial(len)", "functools.lru_cache(len)",
    "functools.singledispatch(len)", "re.compile('a')", "re.match('a', 'a')",
    "collections.defaultdict(list)", "collections.ChainMap()", "decimal.getcontext()",
    "datetime.datetime.now()", "string.Formatter()", "typing.get_type_hints",
    "operator.attrgetter('real')", "dataclasses.fields", "enum.Enum", "io.StringIO()",
    "random.Random()", "random.random", "uuid.uuid4", "uuid.uuid4()", "calendar.Calendar()",
    "queue.Queue()", "itertools.count()", "textwrap.TextWrapper()", "csv.reader([])",
    "copy.deepcopy",
    # ATTACK-SURFACE 1b/1c and 2b: host functions and pass-through attributes of allowed modules
    "json.JSONDecoder().parse_object", "json.JSONDecoder().parse_array",
    "json.JSONDecoder().parse_string", "json.JSONEncoder.default", "json.JSONEncoder().iterencode",
    "functools.partial(json.dumps).func", "functools.singledispatch(len).register",
    "functools.singledispatch(len).dispatch", "functools.lru_cache()(len).cache_parameters",
    "collections.defaultdict(list).default_factory", "collections.ChainMap({}).maps",
    "re.compile('a').match('a').re", "enum.global_enum", "dataclasses.fields(record)",
    "copy.dispatch_table", "typing.ForwardRef('x')", "functools.update_wrapper", "random.seed",
    "random.getstate()", "decimal.DefaultContext", "io.open", "io.FileIO", "os.path.exists",
    "os.path.expandvars('$HOME')", "zoneinfo.reset_tzpath", "time.tzset", "uuid.getnode",
    "calendar.main", "csv.field_size_limit", "urllib.parse.uses_relative", "html.entities",
    "pprint.pprint", "queue.threading", "datetime.sys", "statistics.sys", "typing.sys",
    "dataclasses.builtins", "dataclasses.inspect", "enum.bltns", "uuid.os", "os.path.os",
    "fractions.Fraction(1, 3).numerator", "type(record).describe", "hashlib.scrypt",
]

EXCEPTION_TRIGGERS = [
    "1/0", "fail()", "json.loads('{bad')", "math.nope", "getattr(json, 'nope')", "record.nope",
    "lookup.nope", "next(iter([]))", "int('x')", "re.compile('(')", "[][0]", "{}['k']",
    "decimal.Decimal('x')", "fractions.Fraction('x')", "stream(1).throw(ValueError)",
    "raise ExceptionGroup('g', [ValueError(1)])", "apply(lambda: 1/0)", "api.missing",
    "datetime.date(2020, 13, 1)", "x.y", "import os", "from json import decoder",
]

EXCEPTION_STARTS = [f"try:\n    {t}\nexcept BaseException as err:\n    x = err" for t in
                    EXCEPTION_TRIGGERS] + [
    "def cb():\n    try:\n        1/0\n    except Exception as err:\n        return err\nx = apply(cb)",
    "def cb():\n    raise ValueError('v')\ntry:\n    apply(cb)\nexcept Exception as err:\n    x = err",
    "class Catch:\n    def __enter__(self):\n        return self\n    def __exit__(self, *exc):\n"
    "        global x\n        x = exc[2]\n        return True\nwith Catch():\n    fail()",
    "class Catch:\n    def __enter__(self):\n        return self\n    def __exit__(self, *exc):\n"
    "        global x\n        x = exc\n        return True\nwith Catch():\n    json.loads('[')",
    "try:\n    raise ExceptionGroup('g', [ValueError(1)])\nexcept* ValueError as err:\n    x = err",
]

GENERATOR_STARTS = [
    "x = (i for i in [1])",
    "def gen():\n    yield 1\nx = gen()",
    "def gen():\n    yield 1\nx = gen()\nnext(x)",
    "def gen():\n    y = yield 1\n    yield y\nx = gen()\nnext(x)\nx = x.send(x)",
    "async def co():\n    pass\nx = co()",
    "async def agen():\n    yield 1\nx = agen()",
    "x = stream()",
    "x = stream()\nnext(x)",
    "def outer():\n    yield from stream()\nx = outer()\nnext(x)",
    "x = map(len, ['a'])", "x = iter([1])", "x = enumerate([])", "x = zip()",
    "x = reversed([1])", "x = itertools.count()", "x = iter(stream())",
]

CLASS_STARTS = [
    "class A:\n    pass\nx = A",
    "class A:\n    pass\nx = A()",
    "class M(type):\n    pass\nclass B(metaclass=M):\n    pass\nx = B",
    "x = type('X', (), {})",
    "x = type('X', (object,), {'__getattr__': lambda self, n: n})()",
    "class Sub(type(record)):\n    pass\nx = Sub()",
    "class Sub(json.JSONEncoder):\n    pass\nx = Sub()",
    "class S(str):\n    def __eq__(self, o):\n        return True\nx = S('a')",
    "class A(type(record)):\n    def m(self):\n        return super()\nx = A().m()",
    "x = lambda: 0",
    "def f(a=1, *, b=2):\n    return a\nx = f",
    "def outer():\n    v = 1\n    def inner():\n        return v\n    return inner\nx = outer()",
    "x = super(type(record), record)",
]

# -- dunder spies: a class whose methods record what host code passes to them --------------------
SPY_RETURNS = {
    "__eq__": "False", "__lt__": "False", "__hash__": "0", "__bool__": "True", "__len__": "1",
    "__index__": "2", "__int__": "2", "__float__": "1.5", "__str__": "'s'", "__repr__": "'r'",
    "__format__": "'f'", "__iter__": "iter([1])", "__getitem__": "a[0]", "__missing__": "'m'",
    "__getattr__": "'g'", "__call__": "a", "__exit__": "True", "__enter__": "self",
    "__set_name__": "None", "__mro_entries__": "(object,)", "__get__": "a",
    "__reduce_ex__": "(list, ())", "__deepcopy__": "self", "__copy__": "self",
    "__instancecheck__": "True", "__fspath__": "'p'", "__contains__": "True",
    "__length_hint__": "1", "__del__": "None", "__round__": "1", "__trunc__": "1",
    "__bytes__": "b'b'", "__getstate__": "a", "__setattr__": "None", "__init_subclass__": "None",
}

SPY_TRIGGERS = [
    "with Spy():\n        fail()", "class K:\n        a = Spy()", "copy.deepcopy(Spy())",
    "copy.copy(Spy())", "format(Spy(), 'x')", "'{:abc}'.format(Spy())", "f'{Spy():q}'",
    "'ab' * Spy()", "range(Spy())", "len(Spy())", "list(Spy())", "hash(Spy())", "str(Spy())",
    "sorted([Spy(), Spy()])", "Spy() in [record, lookup]", "record == Spy()",
    "isinstance(record, Spy())", "'{k}'.format_map(Spy())", "json.dumps({'a': Spy()}, default=str)",
    "Spy()()", "class K(Spy()):\n        pass", "Spy()[lookup]", "getattr(Spy(), 'nope')",
    "round(Spy())", "math.floor(Spy())", "bytes(Spy())", "operator.index(Spy())", "dict(Spy())",
    "max(Spy(), Spy())", "re.sub('a', Spy(), 'aa')", "functools.reduce(Spy(), [1, 2])",
    "sorted([1, 2], key=Spy())", "apply(Spy())", "json.loads('{}', object_hook=Spy())",
    "list(map(Spy(), [record]))", "class K(Spy):\n        pass", "Spy[record]",
    "Spy().describe = lookup", "s = Spy()\n    del s", "[record, lookup].index(Spy())",
    "print(Spy(), Spy())", "heapq.heappush([record], Spy())", "dataclasses.replace(Spy())",
]

# -- names an attacker reaches for, and ordinary ones to mix in ----------------------------------
DANGEROUS_NAMES = [  # dunders first, then public names
    "__class__", "__base__", "__bases__", "__mro__", "__subclasses__", "__globals__",
    "__builtins__", "__code__", "__closure__", "__defaults__", "__kwdefaults__", "__dict__",
    "__self__", "__func__", "__module__", "__init__", "__new__", "__getattribute__", "__reduce__",
    "__reduce_ex__", "__traceback__", "__context__", "__cause__", "__loader__", "__spec__",
    "__import__", "__call__", "__wrapped__", "__objclass__", "__annotations__", "__getitem__",
    "__setattr__", "__delattr__", "__subclasshook__", "__init_subclass__", "__get__",
    "gi_frame", "gi_code", "gi_yieldfrom", "cr_frame", "cr_code", "cr_await", "ag_frame",
    "ag_code", "ag_await", "cr_origin", "f_back", "f_globals", "f_locals", "f_builtins", "f_code",
    "f_trace", "tb_frame", "tb_next", "co_consts", "co_code", "co_names", "cell_contents",
    "obj", "func", "args", "keywords", "fget", "fset", "dispatch", "register", "registry",
    "cache_parameters", "parse_object", "parse_array", "scan_once", "mro", "system", "popen",
    "environ", "modules", "path", "sys", "os", "_os", "builtins", "bltns", "inspect",
    "currentframe", "_getframe", "open", "eval", "exec", "compile", "load_module", "get_data",
    "exec_module", "loader", "spec", "origin", "decoder", "scanner", "encoder", "codecs", "abc",
    "copyreg", "dispatch_table", "threading", "types", "value", "data", "maps",
    "default_factory", "attrgetter", "methodcaller", "Formatter", "get_field", "get_type_hints",
    "ForwardRef", "update_wrapper", "global_enum", "getcontext", "getstate", "seed", "setstate",
    "remove", "unlink", "listdir", "getcwd", "getenv", "fork", "kill", "stdout", "tzset",
    "sleep", "api_key", "SECRET", "describe", "__func__", "__wrapped__", "im_func", "func_globals",
]

ORDINARY_NAMES = [
    "append", "keys", "items", "get", "join", "split", "format", "real", "imag", "upper",
    "count", "index", "pop", "update", "copy", "dumps", "loads", "pi", "sqrt", "sub", "match",
    "group", "start", "send", "throw", "close", "strip", "read", "write", "name", "rows",
    "with_traceback", "add_note", "__str__", "__repr__", "__len__", "__doc__", "__name__",
    "__qualname__", "numerator", "denominator", "string", "re", "pattern", "fields", "size",
]

SUBCLASS_NAMES = ["catch_warnings", "_wrap_close", "BuiltinImporter", "Popen", "FileLoader",
                  "Quitter", "_Printer", "Repr", "WarningMessage", "TextIOWrapper", "function",
                  "ModuleType", "frame", "code", "SourceFileLoader", "_ModuleLock", "Random"]

GLOBALS_KEYS = ["'sys'", "'os'", "'__builtins__'", "'system'", "'_os'", "'SECRET'",
                "'__import__'", "'open'", "'eval'", "'builtins'", "'api'", "0", "-1", "1"]

CALL_ARGS = ["", "'os'", "'sys'", "'builtins'", "'posix'", "CANARY", "x", "0", "2",
             "'__import__(\"os\")'", "'id'", "record", "lookup", "'json'"]

# -- known routes: lists of (kind, operand) tokens --------------------------------------------------
def _attrs(*names):
    return [("attr", n) for n in names]


ROUTES = [
    _attrs("__class__", "__base__", "__subclasses__") + [("call", ""), ("select", None)]
    + _attrs("__init__", "__globals__") + [("item", None)],
    _attrs("__class__", "__mro__") + [("item", "-1")] + _attrs("__subclasses__")
    + [("call", ""), ("select", None)] + _attrs("__init__", "__globals__"),
    [("call", "")] + _attrs("mro") + [("call", ""), ("item", "-1")] + _attrs("__subclasses__")
    + [("call", "")],
    _attrs("gi_frame", "f_back", "f_globals"),
    _attrs("gi_frame", "f_builtins") + [("item", "'__import__'"), ("call", "'os'")],
    _attrs("gi_frame", "f_globals") + [("item", "'__builtins__'")],
    _attrs("gi_yieldfrom", "gi_frame", "f_locals"),
    _attrs("cr_frame", "f_back", "f_back", "f_globals"),
    _attrs("ag_frame", "f_globals"),
    _attrs("__traceback__", "tb_frame", "f_back", "f_globals"),
    _attrs("__traceback__", "tb_next", "tb_frame", "f_locals"),
    _attrs("tb_next", "tb_next", "tb_frame", "f_globals"),
    _attrs("tb_frame", "f_back", "f_locals"),
    _attrs("__globals__") + [("item", "'__builtins__'"), ("item", "'__import__'"), ("call", "'os'")],
    _attrs("__globals__") + [("item", "'SECRET'")],
    _attrs("__globals__") + [("item", "'os'")] + _attrs("environ"),
    _attrs("__code__", "co_consts"),
    _attrs("__closure__") + [("item", "0")] + _attrs("cell_contents"),
    _attrs("__defaults__"), _attrs("__kwdefaults__"),
    _attrs("__self__", "api_key"), _attrs("__self__", "__dict__"),
    _attrs("__func__", "__globals__"), _attrs("__self__", "open"), _attrs("__self__", "__import__"),
    _attrs("func", "__globals__"), _attrs("keywords"), _attrs("args"), _attrs("obj"),
    _attrs("obj", "__dict__"), _attrs("sys", "modules"), _attrs("os", "environ"),
    _attrs("bltns", "eval"), _attrs("builtins", "open"), _attrs("inspect", "currentframe")
    + [("call", "")] + _attrs("f_back", "f_globals"),
    _attrs("decoder", "scanstring"), _attrs("copyreg", "dispatch_table"), _attrs("threading"),
    _attrs("__loader__", "load_module") + [("call", "'os'")],
    _attrs("__spec__", "loader", "load_module") + [("call", "'os'")],
    _attrs("__builtins__") + [("item", "'__import__'"), ("call", "'os'")],
    _attrs("fget", "__globals__"), _attrs("__reduce_ex__") + [("call", "2"), ("item", "0")]
    + _attrs("__globals__"),
    _attrs("register", "__globals__"), _attrs("parse_object", "__globals__"),
    _attrs("__class__", "__dict__"), _attrs("__init__", "__globals__", "__builtins__"),
    _attrs("__wrapped__", "__globals__"), _attrs("__objclass__", "__subclasses__"),
    _attrs("default_factory", "__self__"), _attrs("maps"),
    _attrs("__class__", "__class__", "__subclasses__") + [("call", "x")],
]

# -- goals: what a chain is for. `x` is the object the chain reached. -----------------------------
GOALS = [
    "x('os').system('touch ' + CREATED)", "x.system('touch ' + CREATED)", "x('touch ' + CREATED)",
    "print(x.popen('cat ' + CANARY).read())", "print(x(CANARY).read())", "print(x.open(CANARY).read())",
    "x(CANARY, 'w').write('pwned')", "x.open(CANARY, 'w').write('pwned')", "x.remove(CANARY)",
    "x.unlink(CANARY)", "print(x['__import__']('os').environ)",
    "print(x('__import__(\"os\").environ'))",
    "x('__import__(\"os\").system(\"touch ' + CREATED + '\")')",
    "x('open(\"' + CANARY + '\", \"w\").write(\"pwned\")')",
    "print(x.environ)", "print(x.environ['SAFEEXEC_FUZZ_SECRET'])",
    "print(x.getenv('SAFEEXEC_FUZZ_SECRET'))", "print(x.modules['os'].environ)",
    "print(x['SECRET'])", "print(x.SECRET)", "print(x.f_globals['SECRET'])", "print(x.f_locals)",
    "print(x.f_back.f_locals)", "print(x.api_key)", "print(x.keywords)", "print(vars(x))",
    "print(dir(x))", "print(x.__dict__)", "print(x.__closure__[0].cell_contents)",
    "print(x.__defaults__, x.__kwdefaults__)", "print(x.cell_contents)", "print(x)",
    "print(repr(x))", "print(str(x))", "print(list(x))", "print(x())", "print(*x)",
    "x.dumps = None", "setattr(x, 'pi', 3)", "del x.sqrt", "x.__dict__['pi'] = 3", "x['pi'] = 3",
    "x.clear()", "x.update({'pi': 3})", "setattr(x, 'describe', None)", "x.seed(0)",
    "x.getcontext().prec = 3", "x.sys = None", "x.environ['PATH'] = ''", "x.chdir('/')",
    "x.setrecursionlimit(10)", "x.stdout = None", "setattr(type(x), 'describe', lambda s: 'owned')",
    "type(x).size = 99", "x.register_dialect('evil', delimiter=';')", "x.field_size_limit(1)",
    "x.reset_tzpath(['/'])", "x.tzset()", "x.setfirstweekday(3)",
    "x.dispatch_table[int] = lambda o: 1",
    "x.global_enum(x.Enum('E', [('dumps', 1)], module='json'))", "x.main()", "x.pprint('hello')",
    "print(x.getnode())", "x.Thread(target=lambda: None).start()", "x.Queue().get()",
    "x.sleep(100)", "x.getcontext().prec = 10**6", "x.__defaults__ = (1,)",
    "x.__code__ = (lambda: 0).__code__", "x.api_key = 'stolen'", "x.keywords['token'] = 'x'",
    "x.func = print", "x.uses_relative.append('evil')", "x.name2codepoint['amp'] = 0",
    "print(x.get_type_hints(type('T', (), {'__annotations__': {'a': '__import__(\"os\").environ'}})))",
    "print(x.Formatter().get_field('0.__globals__[SECRET]', (lookup,), {}))",
    "print('{0.__globals__[SECRET]}'.format(x))", "print('{0.gi_frame.f_back.f_globals}'.format(x))",
    "print(x.attrgetter('__globals__')(lookup))", "print(x.methodcaller('__subclasses__')(object))",
    "print(x.update_wrapper(x.partial(len), lookup, assigned=('__globals__',), updated=()))",
    "type(x).__init__(x)", "type(x).__init__(x, object_hook=print)", "x.__init__()",
    "type(x).__setattr__(x, 'pi', 3)", "object.__setattr__(x, 'dumps', None)",
    "type.__setattr__(type(x), 'describe', None)", "x.__class__ = type(record)",
    "print(type(x).__subclasses__())", "print(type(x).mro())", "x.__reduce_ex__(2)[0](x)",
]
