"""Format strings: `str.format` field paths (`{0.attr[key]}`) do getattr/getitem in C, so a guard
on attribute nodes alone never sees them (RestrictedPython CVE-2023-41039, asteval CVE-2025-24359).
"""
from __future__ import annotations


def test_format_string_globals_walk(sandbox):
    sandbox.attack("print('{0.__globals__[SECRET]}'.format(search))")


def test_cve_2023_41039_format_gi_frame_globals(sandbox):
    # No underscore anywhere in the field path: gi_frame / f_globals are public names.
    sandbox.attack("print('{0.gi_frame.f_globals[SECRET]}'.format(stream('a b')))")


def test_format_map_globals(sandbox):
    sandbox.attack("print('{f.__globals__[SECRET]}'.format_map({'f': search}))")


def test_string_formatter_get_field(sandbox):
    sandbox.attack("""
        import string
        obj, key = string.Formatter().get_field('0.__globals__[SECRET]', (search,), {})
        print(obj)
    """, allowed_imports=["string"])


def test_string_formatter_format(sandbox):
    sandbox.attack("""
        import string
        print(string.Formatter().format('{0.__globals__[SECRET]}', search))
    """, allowed_imports=["string"])


def test_string_formatter_vformat_tool_field(sandbox):
    sandbox.attack("""
        import string
        print(string.Formatter().vformat('{t.api_key}', (), {'t': web_search}))
    """, allowed_imports=["string"])


def test_format_tool_instance_field(sandbox):
    sandbox.attack("print('{0.api_key}'.format(web_search))")


def test_format_bound_method_self(sandbox):
    sandbox.attack("print('{0.__self__.api_key}'.format(lookup))")


def test_format_closure_cell_contents(sandbox):
    sandbox.attack("print('{0.__closure__[0].cell_contents}'.format(fetch))")


def test_format_kwdefaults(sandbox):
    sandbox.attack("print('{0.__kwdefaults__[key]}'.format(translate))")


def test_format_partial_keywords(sandbox):
    # `keywords` is a public name: only the tool rule stops it.
    sandbox.attack("print('{0.keywords[key]}'.format(summarize))")


def test_format_wrapped_tool_globals(sandbox):
    sandbox.attack("print('{0.__wrapped__.__globals__[SECRET]}'.format(weather))")


def test_format_environment_through_uuid_init_globals(sandbox):
    sandbox.attack("""
        import uuid
        print('{0.__init__.__globals__[os].environ[SAFEEXEC_TEST_SECRET]}'.format(uuid.UUID(int=1)))
    """, allowed_imports=["uuid"])


def test_format_nested_spec_leaks_through_error_message(sandbox):
    # The nested field is resolved, then rejected as a spec: CPython 3.11 quotes it in the error.
    sandbox.attack("print('{0:{1.__globals__[SECRET]}}'.format(1, search))")


def test_cve_2025_24359_fstring_spec_injection(sandbox):
    # asteval built '{0:%s}' % spec and called .format on it; CPython itself refuses this spec,
    # so the sandbox must not be weaker than CPython here.
    sandbox.attack("""
        spec = '}{0.__globals__[SECRET]'
        print(f'{search:{spec}}')
    """, cpython_escapes=False)


def test_str_format_unbound_method(sandbox):
    sandbox.attack("print(str.format('{0.__globals__[SECRET]}', search))")


def test_format_method_fetched_with_getattr(sandbox):
    sandbox.attack("print(getattr('{0.__globals__[SECRET]}', 'format')(search))")


def test_format_method_passed_to_map(sandbox):
    sandbox.attack("print(list(map('{0.__globals__[SECRET]}'.format, [search])))")


def test_format_prints_tool_globals_whole(sandbox):
    # A field path cannot call anything, but printing the globals dict whole leaks it.
    sandbox.attack("print('{0.__globals__}'.format(search))")
