"""C-level gadgets that do getattr, setattr or eval for the caller: operator.attrgetter and
methodcaller, functools.reduce/partial/update_wrapper/total_ordering/singledispatch, map and
starmap with getattr (smolagents CVE-2025-5120), typing.get_type_hints and ForwardRef, and the
copy/pickle/__reduce__ protocols that make host code call what the sandbox chose.
"""
from __future__ import annotations

import pytest

import safeexec

ANNOTATION = "ann = \"__import__('os').system(\\\"touch '%s'\\\")\" % canary\n"


def test_operator_attrgetter_globals(sandbox):
    sandbox.attack("""
        import operator
        print(operator.attrgetter('__globals__')(search)['SECRET'])
    """, allowed_imports=["operator"])


def test_operator_attrgetter_dotted_gi_frame(sandbox):
    sandbox.attack("""
        import operator
        operator.attrgetter('gi_frame.f_builtins')(stream('x'))['open'](canary, 'w')
    """, allowed_imports=["operator"])


def test_operator_methodcaller_subclasses(sandbox):
    sandbox.attack("""
        import operator
        classes = operator.methodcaller('__subclasses__')(object)
        wrap = [c for c in classes if c.__name__ == '_wrap_close'][0]
        operator.attrgetter('__init__.__globals__')(wrap)['system']("touch '%s'" % canary)
    """, allowed_imports=["operator"])


def test_operator_attrgetter_tool_field(sandbox):
    sandbox.attack("""
        import operator
        print(operator.attrgetter('api_key')(web_search))
    """, allowed_imports=["operator"])


def test_functools_reduce_getattr(sandbox):
    sandbox.attack("""
        import functools
        print(functools.reduce(getattr, ['__wrapped__', '__globals__'], weather)['SECRET'])
    """, allowed_imports=["functools"])


def test_cve_2025_5120_map_getattr(sandbox):
    sandbox.attack("print(list(map(getattr, [search], ['__globals__']))[0]['SECRET'])")


def test_itertools_starmap_getattr(sandbox):
    sandbox.attack("""
        import itertools
        print(next(itertools.starmap(getattr, [(search, '__globals__')]))['SECRET'])
    """, allowed_imports=["itertools"])


def test_functools_partial_of_getattr(sandbox):
    sandbox.attack("""
        import functools
        print(functools.partial(getattr, search)('__globals__')['SECRET'])
    """, allowed_imports=["functools"])


def test_sorted_key_getattr_gadget(sandbox):
    # A key function built from builtins only, called from C.
    sandbox.attack("""
        import functools
        grab = functools.partial(getattr, name='__globals__') if False else None
        print(max([search], key=lambda f: len(getattr(f, '__globals__')['SECRET'])).__globals__['SECRET'])
    """, allowed_imports=["functools"])


def test_functools_update_wrapper_assigned_globals(sandbox):
    sandbox.attack("""
        import functools
        class Holder:
            pass
        h = Holder()
        functools.update_wrapper(h, search, assigned=('__globals__',), updated=())
        print(vars(h)['__globals__']['SECRET'])
    """, allowed_imports=["functools"])


def test_functools_wraps_assigned_closure(sandbox):
    sandbox.attack("""
        import functools
        class Holder:
            pass
        h = functools.wraps(fetch, assigned=('__closure__',), updated=())(Holder())
        print(vars(h)['__closure__'][0].cell_contents)
    """, allowed_imports=["functools"])


def test_functools_total_ordering_on_host_class(sandbox):
    sandbox.attack("""
        import functools
        functools.total_ordering(type(web_search))
    """, allowed_imports=["functools"])


def test_singledispatch_register_annotation_eval(sandbox):
    sandbox.attack(ANNOTATION + """
import functools
dispatch = functools.singledispatch(lambda x: 0)
def impl(x: ann):
    return 1
dispatch.register(impl)
""", allowed_imports=["functools"])


def test_typing_get_type_hints_eval(sandbox):
    sandbox.attack(ANNOTATION + """
import typing
class C:
    x: ann
typing.get_type_hints(C)
""", allowed_imports=["typing"])


def test_typing_forwardref_in_generic_alias(sandbox):
    sandbox.attack(ANNOTATION + """
import typing
class C:
    x: typing.List[ann]
typing.get_type_hints(C)
""", allowed_imports=["typing"])


def test_typing_get_type_hints_explicit_globalns(sandbox):
    sandbox.attack(ANNOTATION + """
import typing
def f(x: ann):
    pass
typing.get_type_hints(f, globalns={}, localns={})
""", allowed_imports=["typing"])


def test_typing_namedtuple_string_field_type(sandbox):
    sandbox.attack(ANNOTATION + """
import typing
Row = typing.NamedTuple('Row', [('x', ann)])
typing.get_type_hints(Row)
""", allowed_imports=["typing"])


def test_enum_global_enum_replaces_host_function(sandbox):
    sandbox.attack("""
        import enum
        E = enum.Enum('E', [('dumps', 1)], module='json')
        enum.global_enum(E)
    """, allowed_imports=["enum"])


def test_copy_dispatch_table_host_type(sandbox):
    sandbox.attack("""
        import copy
        copy.dispatch_table[complex] = lambda c: (print, ('hijacked',))
    """, allowed_imports=["copy"])


def test_copy_reduce_ex_makes_host_call_getattr(sandbox):
    # copy calls the first item of __reduce_ex__'s answer from library code, on our arguments.
    sandbox.attack("""
        import copy
        class P:
            def __reduce_ex__(self, protocol):
                return (getattr, (search, '__globals__'))
        print(copy.copy(P())['SECRET'])
    """, allowed_imports=["copy"])


def test_pickle_loads_reduce_os_system(sandbox):
    sandbox.attack("""
        import pickle
        payload = b"cos\\nsystem\\n(S'touch " + canary.encode() + b"'\\ntR."
        pickle.loads(payload)
    """, allowed_imports=["pickle"])


def test_pickle_loads_global_builtins_open(sandbox):
    sandbox.attack("""
        import pickle
        payload = b"c__builtin__\\nopen\\n(S'" + canary.encode() + b"'\\nS'w'\\ntR."
        pickle.loads(payload)
    """, allowed_imports=["pickle"])


def test_copyreg_constructor_registration(sandbox):
    sandbox.attack("""
        import copyreg
        copyreg.pickle(complex, lambda c: (print, ('hijacked',)))
    """, allowed_imports=["copyreg"])


def test_asteval_print_reduce_exposes_interpreter(sandbox):
    # asteval (2021): print.__reduce__() returned (getattr, (interpreter, name)). A wrapped
    # builtin must not reduce to the interpreter. CPython's print reduces to its name.
    sandbox.attack("""
        red = print.__reduce__()
        if not isinstance(red, str):
            owner = red[1][0]
            print(vars(owner))
            owner.symtable['open'](canary, 'w')
    """, cpython_escapes=False)


def test_json_object_hook_receives_only_data(sandbox):
    # json calls a sandbox hook from C: it must still run under the sandbox's guards.
    sandbox.attack("""
        import json
        print(json.loads('{"a": 1}', object_hook=lambda d: getattr(search, '__glo' + 'bals__')['SECRET']))
    """, allowed_imports=["json"])


# -- functools.update_wrapper with its *default* arguments: `updated=('__dict__',)` does
# -- getattr(wrapper, '__dict__').update(wrapped.__dict__) in library code. A sandbox class whose
# -- class attribute is named __dict__ receives the raw namespace of any host class or function.
DICT_LEAK = """
import functools
def raw_dict(obj):
    global leak           # a global: the class body below must see it
    leak = {}
    class Holder:
        __dict__ = leak
    functools.update_wrapper(Holder(), obj)
    return leak
"""


HOLDERS = {
    "class_attribute": "class Holder:\n    __dict__ = leak\n",
    "property": "class Holder:\n    @property\n    def __dict__(self):\n        return leak\n",
    "three_arg_type": "Holder = type('Holder', (), {'__dict__': leak})\n",
}
COPIERS = {
    "update_wrapper": "functools.update_wrapper(Holder(), {target})",
    "wraps": "functools.wraps({target})(Holder())",
}


@pytest.mark.parametrize("copier", sorted(COPIERS))
@pytest.mark.parametrize("holder", sorted(HOLDERS))
def test_update_wrapper_dict_attribute_copies_host_namespace(sandbox, holder, copier):
    sandbox.attack("import functools\nleak = {}\n" + HOLDERS[holder]
                   + COPIERS[copier].format(target="object") + "\n"
                   + "if '__getattribute__' in leak:\n    print('ORACLE' + '-HIT')\n",
                   allowed_imports=["functools"])


def test_update_wrapper_dict_attribute_subclasses_walk(sandbox):
    sandbox.attack(DICT_LEAK + """
type_ns, object_ns = raw_dict(type), raw_dict(object)
for cls in type_ns['__subclasses__'](object):
    if type_ns['__getattribute__'](cls, '__name__') == '_wrap_close':
        init = type_ns['__getattribute__'](cls, '__init__')
        object_ns['__getattribute__'](init, '__globals__')['system']("touch '%s'" % canary)
        break
""", allowed_imports=["functools"])


def test_update_wrapper_dict_attribute_unwraps_tool(sandbox):
    sandbox.attack(DICT_LEAK + """
getattribute = raw_dict(object)['__getattribute__']
target = search
for hop in range(4):          # unwrap whatever proxy or closure stands in front of the tool
    try:
        g = getattribute(target, '__globals__')
    except AttributeError:
        g = {}
    if 'SECRET' in g:
        print(g['SECRET'])
        break
    try:
        target = getattribute(target, '_fn')
    except AttributeError:
        cells = getattribute(target, '__closure__') or ()
        target = [getattribute(c, 'cell_contents') for c in cells][0]
""", allowed_imports=["functools"])


def test_update_wrapper_dict_attribute_lifts_op_limit(sandbox):
    # With object.__getattribute__/__setattr__ in hand, the run's own meter is reachable from a
    # tool proxy's closure: a sandbox that can raise its limit has no limit.
    out = sandbox.attack(DICT_LEAK + """
ns = raw_dict(object)
getattribute, setattr_ = ns['__getattribute__'], ns['__setattr__']
call = getattribute(search, '_fn')
for cell in getattribute(call, '__closure__') or ():
    runtime = getattribute(cell, 'cell_contents')
    try:
        meter = getattribute(runtime, 'meter')
    except AttributeError:
        continue
    setattr_(meter, 'max_ops', 10 ** 12)
total = 0
for i in range(200_000):
    total += 1
print('ORACLE' + '-HIT', total)
""", allowed_imports=["functools"], cpython_escapes=None,
        limits=safeexec.Limits(max_ops=50_000, timeout=5.0))
    if sandbox.backend == "ast":
        assert out.error is not None
