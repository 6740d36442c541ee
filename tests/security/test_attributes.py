"""Attributes and introspection: dunder walks, computed getattr names, vars()/dir()/globals().

Each attack ends in damage: it creates the canary (`open(canary, 'w')`, `os.system('touch ...')`)
or prints a host secret. Names the attacks use (`search`, `web_search`, `canary`, `secret_path`,
...) are the tools and variables every sandbox run gets (see host_tools and harness).
"""
from __future__ import annotations

# `os._wrap_close.__init__` is a function defined in `os`: its globals hold `system`.
WRAP_CLOSE_TAIL = """
for cls in classes:
    if cls.__name__ == '_wrap_close':
        cls.__init__.__globals__['system']("touch '%s'" % canary)
"""


def test_subclasses_walk_from_tuple(sandbox):
    sandbox.attack("classes = ().__class__.__base__.__subclasses__()" + WRAP_CLOSE_TAIL)


def test_subclasses_walk_from_str_mro(sandbox):
    sandbox.attack("classes = ''.__class__.__mro__[-1].__subclasses__()" + WRAP_CLOSE_TAIL)


def test_subclasses_walk_via_public_mro_method(sandbox):
    # mro() has no underscore; only the last step needs one.
    sandbox.attack("classes = type(0).mro()[-1].__subclasses__()" + WRAP_CLOSE_TAIL)


def test_subclasses_from_object_builtin(sandbox):
    sandbox.attack("classes = object.__subclasses__()" + WRAP_CLOSE_TAIL)


def test_type_subclasses_unbound_call(sandbox):
    sandbox.attack("classes = type.__subclasses__(object)" + WRAP_CLOSE_TAIL)


def test_function_globals_builtins_open(sandbox):
    sandbox.attack("""
        def f():
            pass
        b = f.__globals__['__builtins__']
        b = b if isinstance(b, dict) else vars(b)
        b['open'](canary, 'w')
    """)


def test_lambda_globals_import_os(sandbox):
    sandbox.attack("""
        b = (lambda: 0).__globals__['__builtins__']
        b = b if isinstance(b, dict) else vars(b)
        b['__import__']('os').system("touch '%s'" % canary)
    """)


def test_builtin_function_self_is_builtins_module(sandbox):
    sandbox.attack("len.__self__.open(canary, 'w')")


def test_builtin_method_self_reads_secret_file(sandbox):
    sandbox.attack("print(min.__self__.open(secret_path).read())")


def test_tool_globals_secret(sandbox):
    sandbox.attack("print(search.__globals__['SECRET'])")


def test_getattr_joined_string(sandbox):
    sandbox.attack("print(getattr(search, '__glo' + 'bals__')['SECRET'])")


def test_getattr_name_built_with_chr(sandbox):
    sandbox.attack("""
        name = ''.join(map(chr, [95, 95, 103, 108, 111, 98, 97, 108, 115, 95, 95]))
        print(getattr(search, name)['SECRET'])
    """)


def test_getattr_hex_escaped_name(sandbox):
    sandbox.attack(r"print(getattr(search, '\x5f\x5fglobals\x5f\x5f')['SECRET'])")


def test_getattr_name_decoded_from_bytes(sandbox):
    sandbox.attack("print(getattr(search, bytes([95, 95]).decode() + 'globals__')['SECRET'])")


def test_getattr_name_reversed_at_runtime(sandbox):
    sandbox.attack("print(getattr(search, '__slabolg__'[::-1])['SECRET'])")


def test_getattr_str_subclass_lying_startswith(sandbox):
    # A guard that asks the name `name.startswith('_')` gets the subclass's answer.
    sandbox.attack("""
        class Name(str):
            def startswith(self, *args):
                return False
            def isidentifier(self):
                return True
        print(getattr(search, Name('__globals__'))['SECRET'])
    """)


def test_getattr_str_subclass_lying_indexing(sandbox):
    # A guard that checks name[0] == '_', '__' in name or name.lower() gets the subclass's answers
    # (CPython's own lookup uses the string's data, not these methods).
    sandbox.attack("""
        class Name(str):
            def __getitem__(self, index):
                return 'x'
            def __contains__(self, item):
                return False
            def lower(self):
                return 'harmless'
            def strip(self, *args):
                return 'harmless'
        print(getattr(search, Name('__globals__'))['SECRET'])
    """)


def test_cve_2025_9959_getattribute_chain(sandbox):
    sandbox.attack("print(search.__getattribute__('__globals__')['SECRET'])")


def test_object_getattribute_unbound(sandbox):
    sandbox.attack("print(object.__getattribute__(search, '__globals__')['SECRET'])")


def test_type_getattribute_reaches_subclasses(sandbox):
    sandbox.attack("classes = type.__getattribute__(object, '__subclasses__')()" + WRAP_CLOSE_TAIL)


def test_vars_without_arguments_builtins(sandbox):
    sandbox.attack("""
        b = vars()['__builtins__']
        b = b if isinstance(b, dict) else vars(b)
        b['open'](canary, 'w')
    """)


def test_globals_builtins_read_secret_file(sandbox):
    sandbox.attack("""
        b = globals()['__builtins__']
        b = b if isinstance(b, dict) else vars(b)
        print(b['open'](secret_path).read())
    """)


def test_locals_builtins_import(sandbox):
    sandbox.attack("""
        b = locals()['__builtins__']
        b = b if isinstance(b, dict) else vars(b)
        b['__import__']('os').system("touch '%s'" % canary)
    """)


def test_dunder_builtins_name(sandbox):
    sandbox.attack("""
        b = __builtins__
        b = b if isinstance(b, dict) else vars(b)
        b['open'](canary, 'w')
    """)


def test_dir_then_getattr_every_name(sandbox):
    # Enumeration may legitimately succeed (dir() of a tool lists public names); what matters is
    # that no listed name leads to the globals.
    sandbox.attack("""
        for name in dir(search):
            try:
                value = getattr(search, name)
            except Exception:
                continue
            if isinstance(value, dict) and 'SECRET' in value:
                print(value['SECRET'])
    """, expect="any")


def test_cve_2026_4963_tool_code_overwrite(sandbox):
    sandbox.attack("""
        search.__code__ = (lambda query, limit=3, *, region='us': print(SECRET)).__code__
        search('x')
    """)


def test_setattr_code_on_tool(sandbox):
    sandbox.attack("""
        setattr(search, '__code__', (lambda query, limit=3, *, region='us': print(SECRET)).__code__)
        search('x')
    """)


def test_function_type_constructor_with_real_builtins(sandbox):
    sandbox.attack("""
        # A function built on bare globals gets the real builtins; the name is swapped in the
        # code object, so no forbidden name appears in the source.
        FunctionType = type(lambda: 0)
        code = (lambda: print(canary, 'w')).__code__.replace(co_names=('open', 'canary'))
        FunctionType(code, {'canary': canary})()
    """)


def test_property_fget_is_host_function(sandbox):
    sandbox.attack("""
        import fractions
        fget = fractions.Fraction.numerator.fget
        fget.__globals__['sys'].modules['os'].system("touch '%s'" % canary)
    """, allowed_imports=["fractions"])


def test_tool_class_method_globals(sandbox):
    sandbox.attack("print(type(web_search).__call__.__globals__['SECRET'])")


def test_module_dunder_dict_smuggles_os(sandbox):
    sandbox.attack("""
        import uuid
        uuid.__dict__['os'].system("touch '%s'" % canary)
    """, allowed_imports=["uuid"])


def test_vars_on_allowed_module_smuggles_os(sandbox):
    sandbox.attack("""
        import uuid
        vars(uuid)['os'].system("touch '%s'" % canary)
    """, allowed_imports=["uuid"])


def test_getattr_on_allowed_module_hidden_name(sandbox):
    sandbox.attack("""
        import uuid
        getattr(uuid, 'o' + 's').system("touch '%s'" % canary)
    """, allowed_imports=["uuid"])


def test_class_dict_of_builtin_type_reaches_loader(sandbox):
    # A module's loader imports anything: BuiltinImporter.load_module('sys') returns sys.
    sandbox.attack("""
        loader = int.__dict__['__doc__'].__class__.__mro__[-1].__subclasses__()
        for cls in loader:
            if cls.__name__ == 'BuiltinImporter':
                sys = cls.load_module('sys')
                sys.modules['os'].system("touch '%s'" % canary)
    """)


def test_getattr_str_subclass_str_override(sandbox):
    # The real value is harmless; str() of it says __globals__. CPython's getattr uses the real
    # value, so only a guard that re-derives the name with str() would be fooled.
    sandbox.attack("""
        class Name(str):
            def __str__(self):
                return '__globals__'
            def __format__(self, spec):
                return '__globals__'
        print(getattr(search, Name('harmless'))['SECRET'])
    """, cpython_escapes=False)


def test_getattr_str_subclass_lying_hash_and_eq(sandbox):
    # A guard that looks the name up in a set (`name in DENIED`) sees the subclass's __hash__
    # and __eq__; CPython's own lookup sees them too, so CPython fails here as well.
    sandbox.attack("""
        class Name(str):
            def __eq__(self, other):
                return False
            def __hash__(self):
                return 42
        print(getattr(search, Name('__globals__'))['SECRET'])
    """, cpython_escapes=False)


def test_format_field_name_from_str_subclass(sandbox):
    sandbox.attack("""
        class Spec(str):
            def __str__(self):
                return '{0.__globals__[SECRET]}'
        print(Spec('{0}').format(search))
    """, cpython_escapes=False, expect="any")   # formatting '{0}' itself is legitimate
