"""Classes, metaclasses, super() and type(): dunder methods that CPython calls implicitly,
explicit super(type, obj), type() with dunder entries, and subclasses of host classes.
"""
from __future__ import annotations

import safeexec


def test_super_explicit_args_getattribute_globals(sandbox):
    sandbox.attack("print(super(type(search), search).__getattribute__('__globals__')['SECRET'])")


def test_super_explicit_args_on_tool_instance(sandbox):
    sandbox.attack("print(super(type(web_search), web_search).__getattribute__('api_key'))")


def test_class_getattr_delegates_to_tool(sandbox):
    sandbox.attack("""
        class Shim:
            def __getattr__(self, name):
                return getattr(web_search, name)
        print(Shim().api_key)
    """)


def test_class_getattribute_maps_public_names_to_dunders(sandbox):
    sandbox.attack("""
        class Shim:
            def __getattribute__(self, name):
                return object.__getattribute__(search, '__' + name + '__')
        print(Shim().globals['SECRET'])
    """)


def test_metaclass_prepare_namespace_spy(sandbox):
    # Whatever the class machinery stores in the namespace is handed to the spy.
    sandbox.attack("""
        seen = {}
        class Spy(dict):
            def __setitem__(self, key, value):
                seen[key] = value
                dict.__setitem__(self, key, value)
        class Meta(type):
            @classmethod
            def __prepare__(mcs, name, bases):
                return Spy()
        class C(metaclass=Meta):
            def method(self):
                pass
        b = seen['method'].__globals__['__builtins__']
        b = b if isinstance(b, dict) else vars(b)
        b['open'](canary, 'w')
    """)


def test_metaclass_call_builds_function_from_code(sandbox):
    sandbox.attack("""
        class Meta(type):
            def __call__(cls, *args):
                fn = type(search)(cls.payload.__code__, search.__globals__)
                return fn()
        class Payload(metaclass=Meta):
            def payload():
                return SECRET
        print(Payload())
    """)


def test_metaclass_instancecheck_catches_limit(sandbox):
    # If `except` matching used isinstance(), a metaclass saying "yes" would catch the limit.
    out = sandbox.attack("""
        class Meta(type):
            def __instancecheck__(cls, obj):
                return True
            def __subclasscheck__(cls, sub):
                return True
        class Anything(Exception, metaclass=Meta):
            pass
        caught = 0
        for i in range(3):
            try:
                while True:
                    pass
            except Anything:
                caught += 1
        print('ORACLE' + '-HIT', caught)
    """, cpython_escapes=None, limits=safeexec.Limits(max_ops=20_000, timeout=3.0))
    if sandbox.backend == "ast":   # refusing the hook outright is as good as not honouring it
        assert out.error.is_a(safeexec.LimitExceeded) or out.error.is_a(safeexec.PolicyViolation)


def test_type_three_arg_dunder_getattr_maps_names(sandbox):
    sandbox.attack("""
        Leak = type('Leak', (), {'__getattr__': lambda self, n: getattr(search, '__%s__' % n)})
        print(Leak().globals['SECRET'])
    """)


def test_type_three_arg_subclass_of_tool_class(sandbox):
    sandbox.attack("""
        Evil = type('Evil', (type(web_search),), {'steal': lambda self: self.api_key})
        print(Evil.steal(web_search))
    """)


def test_subclass_of_tool_class_method_reads_api_key(sandbox):
    sandbox.attack("""
        class Evil(type(web_search)):
            def steal(self):
                return self.api_key
        print(Evil.steal(web_search))
    """)


def test_class_assignment_on_tool_instance(sandbox):
    sandbox.attack("""
        class Mine:
            def __call__(self, query):
                return 'hijacked'
        web_search.__class__ = Mine
        web_search('x')
    """)


def test_host_class_attribute_write(sandbox):
    sandbox.attack("type(web_search).endpoint = 'https://attacker.example/'")


def test_host_class_method_replaced(sandbox):
    sandbox.attack("type(web_search).__call__ = lambda self, query: 'hijacked'")


def test_module_type_constructor_makes_no_module(sandbox):
    # Calling the type of an allowed module must not import or wrap anything by name.
    sandbox.attack("""
        import json
        fake = type(json)('os')
        fake.system("touch '%s'" % canary)
    """, allowed_imports=["json"], cpython_escapes=False)


def test_sandbox_function_type_rebinds_globals(sandbox):
    # On an interpreter, type(f) of a sandbox function is the interpreter's own class.
    sandbox.attack("""
        def f():
            return SECRET
        F = type(f)
        print(F(f.__code__, search.__globals__)())
    """)


def test_class_assignment_on_shared_host_instance(sandbox):
    # With a layout-compatible sandbox subclass, __class__ assignment would turn the host's
    # shared calendar.month_name into an instance of a sandbox class, whose attributes the
    # sandbox may then set.
    sandbox.attack("""
        import calendar
        class Mine(type(calendar.month_name)):
            pass
        calendar.month_name.__class__ = Mine
        calendar.month_name.format = '%b'
    """, allowed_imports=["calendar"])


def test_zero_arg_super_with_host_instance(sandbox):
    # super() inside a sandbox method, called unbound on a host object: CPython refuses it
    # (the object is not an instance of the class), so must the sandbox.
    sandbox.attack("""
        import uuid
        class Mine(uuid.UUID):
            def reset(self):
                super().__init__(int=0)
        Mine.reset(uuid.NAMESPACE_DNS)
    """, allowed_imports=["uuid"], cpython_escapes=False)

