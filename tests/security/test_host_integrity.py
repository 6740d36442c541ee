"""Host-integrity tampering and builtins replacement: allowed modules are shared with the host, so
the sandbox sees them read-only; builtins and builtin types are never writable; process-wide
state (decimal context, random state, sys hooks) is never the host's.

Rebinding a name inside the sandbox (`print = ...`) is ordinary Python and may succeed
(expect="any"); what must hold is that the host's object is untouched.
"""
from __future__ import annotations

import sys


def test_math_pi_assignment(sandbox):
    sandbox.attack("import math\nmath.pi = 3", allowed_imports=["math"])


def test_json_dumps_replaced(sandbox):
    sandbox.attack("import json\njson.dumps = lambda *a, **k: 'pwned'", allowed_imports=["json"])


def test_del_random_random(sandbox):
    sandbox.attack("import random\ndel random.random", allowed_imports=["random"])


def test_setattr_on_module(sandbox):
    sandbox.attack("import json\nsetattr(json, 'loads', print)", allowed_imports=["json"])


def test_delattr_on_module(sandbox):
    sandbox.attack("import math\ndelattr(math, 'sqrt')", allowed_imports=["math"])


def test_module_dict_update(sandbox):
    sandbox.attack("import math\nvars(math).update(pi=3)", allowed_imports=["math"])


def test_module_new_attribute(sandbox):
    sandbox.attack("import json\njson.planted = True", allowed_imports=["json"])


def test_augassign_on_module_attribute(sandbox):
    sandbox.attack("import math\nmath.pi += 1", allowed_imports=["math"])


def test_os_path_exists_replaced(sandbox):
    sandbox.attack("import os.path\nos.path.exists = lambda p: True", allowed_imports=["os.path"])


def test_builtins_dict_write_through_globals(sandbox):
    sandbox.attack("""
        b = globals()['__builtins__']
        b = b if isinstance(b, dict) else vars(b)
        b['len'] = lambda x: 0
    """)


def test_builtins_module_attribute_write(sandbox):
    sandbox.attack("print.__self__.print = lambda *a, **k: None")


def test_print_rebinding_stays_in_sandbox(sandbox):
    out = sandbox.attack("""
        print = lambda *args, **kwargs: 'shadowed'
        print('x')
    """, expect="any", cpython_escapes=False)
    if sandbox.backend == "ast" and out.error is None:
        assert out.values == ["shadowed"]      # CPython semantics: the sandbox's own name


def test_len_rebinding_stays_in_sandbox(sandbox):
    out = sandbox.attack("len = str\nlen(5)", expect="any", cpython_escapes=False)
    if sandbox.backend == "ast" and out.error is None:
        assert out.values == ["5"]


def test_str_upper_assignment(sandbox):
    sandbox.attack("str.upper = lambda self: 'pwned'", cpython_escapes=False)


def test_list_append_assignment(sandbox):
    sandbox.attack("list.append = lambda self, x: None", cpython_escapes=False)


def test_type_setattr_on_builtin_type(sandbox):
    sandbox.attack("type.__setattr__(dict, 'get', lambda *a: None)", cpython_escapes=False)


def test_object_setattr_on_builtin_type(sandbox):
    sandbox.attack("object.__setattr__(int, 'bit_length', 0)", cpython_escapes=False)


def test_builtin_type_dict_write(sandbox):
    sandbox.attack("str.__dict__['upper'] = None", cpython_escapes=False)


def test_host_exception_class_tampered(sandbox):
    # Exception classes are builtins too: a new method on ValueError would reach host code.
    sandbox.attack("ValueError.__str__ = lambda self: 'pwned'", cpython_escapes=False)


def test_decimal_getcontext_is_not_the_hosts(sandbox):
    sandbox.attack("""
        import decimal
        ctx = decimal.getcontext()
        ctx.prec = 3
        ctx.traps[decimal.DivisionByZero] = False
        ctx.rounding = decimal.ROUND_FLOOR
    """, allowed_imports=["decimal"], expect="any")


def test_decimal_setcontext_is_not_the_hosts(sandbox):
    sandbox.attack("""
        import decimal
        decimal.setcontext(decimal.Context(prec=2, Emax=10))
    """, allowed_imports=["decimal"], expect="any")


def test_decimal_defaultcontext_not_shared(sandbox):
    sandbox.attack("""
        import decimal
        decimal.DefaultContext.prec = 2
    """, allowed_imports=["decimal"], expect="any")


def test_random_seed_is_not_the_hosts(sandbox):
    sandbox.attack("import random\nrandom.seed(1234)", allowed_imports=["random"], expect="any")


def test_random_setstate_is_not_the_hosts(sandbox):
    sandbox.attack("""
        import random
        state = random.getstate()
        random.setstate((state[0], tuple([0] * 624 + [624]), None))
    """, allowed_imports=["random"], expect="any")


def test_random_consumption_does_not_advance_host_state(sandbox):
    sandbox.attack("import random\n[random.random() for _ in range(10)]",
                   allowed_imports=["random"], expect="any")


def test_html_entities_table_tampered(sandbox):
    sandbox.attack("""
        import html
        html.entities.html5['amp;'] = 'pwned'
    """, allowed_imports=["html"])


def test_typing_excluded_attributes_tampered(sandbox):
    sandbox.attack("""
        import typing
        typing.EXCLUDED_ATTRIBUTES.append('pwned')
    """, allowed_imports=["typing"])


def test_enum_functional_api_module_argument(sandbox):
    # global_enum writes the members into sys.modules[cls.__module__], here the host's math.
    sandbox.attack("""
        import enum
        enum.global_enum(enum.IntEnum('Pwn', [('pi', 3)], module='math'))
    """, allowed_imports=["enum"])


def test_breakpoint_reaches_host_hook(sandbox, monkeypatch):
    monkeypatch.setattr(sys, "breakpointhook",
                        lambda *a, **k: open(sandbox.canary, "w").close())
    sandbox.attack("breakpoint()")


def test_input_reads_host_stdin(sandbox, monkeypatch):
    import io

    from . import host_tools
    monkeypatch.setattr(sys, "stdin", io.StringIO(host_tools.SECRET + "\n"))
    sandbox.attack("print(input())")


def test_help_writes_host_docs(sandbox):
    sandbox.attack("help(search)\nhelp(translate)")



# -- shared host instances re-initialised through __init__ ---------------------------------------
def test_uuid_namespace_reinit_via_init(sandbox):
    # uuid.NAMESPACE_DNS is one object shared with the host; __init__ rewrites it in place.
    sandbox.attack("import uuid\nuuid.NAMESPACE_DNS.__init__(int=0)", allowed_imports=["uuid"])


def test_uuid_namespace_object_setattr(sandbox):
    sandbox.attack("import uuid\nobject.__setattr__(uuid.NAMESPACE_URL, 'int', 0)",
                   allowed_imports=["uuid"])


def test_decimal_defaultcontext_reinit_via_init(sandbox):
    sandbox.attack("import decimal\ndecimal.DefaultContext.__init__(prec=2)",
                   allowed_imports=["decimal"])


def test_decimal_basiccontext_attribute_write(sandbox):
    # the sandbox's BasicContext is its own copy: setting it is allowed, the host's must not move
    sandbox.attack("import decimal\ndecimal.BasicContext.prec = 2", allowed_imports=["decimal"],
                   expect="any")


def test_calendar_shared_instance_reinit(sandbox):
    sandbox.attack("import calendar\ncalendar.c.__init__(3)", allowed_imports=["calendar"])


# -- process-wide state reachable through public functions ----------------------------------------
def test_calendar_setfirstweekday_global(sandbox):
    # A sandbox-owned copy of the setting is fine (the run may succeed); the host's must not move.
    sandbox.attack("import calendar\ncalendar.setfirstweekday(3)", allowed_imports=["calendar"],
                   expect="any")


def test_calendar_mdays_list_mutation(sandbox):
    sandbox.attack("import calendar\ncalendar.mdays[2] = 30", allowed_imports=["calendar"],
                   expect="any")


def test_keyword_kwlist_mutation(sandbox):
    sandbox.attack("import keyword\nkeyword.kwlist.append('pwned')", allowed_imports=["keyword"])


def test_csv_field_size_limit_global(sandbox):
    sandbox.attack("import csv\ncsv.field_size_limit(1)", allowed_imports=["csv"])


def test_csv_register_dialect_global(sandbox):
    sandbox.attack("import csv\ncsv.register_dialect('pwned', delimiter='|')",
                   allowed_imports=["csv"])


def test_urllib_parse_scheme_list_mutation(sandbox):
    sandbox.attack("import urllib.parse\nurllib.parse.uses_netloc.append('pwned')",
                   allowed_imports=["urllib.parse"])


def test_zoneinfo_reset_tzpath_global(sandbox):
    sandbox.attack("import zoneinfo\nzoneinfo.reset_tzpath(['/'])", allowed_imports=["zoneinfo"])


def test_logging_disable_global(sandbox):
    sandbox.attack("import logging\nlogging.disable(logging.CRITICAL)", allowed_imports=["logging"])


def test_gc_disable_global(sandbox):
    sandbox.attack("import gc\ngc.disable()", allowed_imports=["gc"])


def test_atexit_register_runs_at_host_exit(sandbox):
    sandbox.attack("import atexit\natexit.register(print, 'at host exit')",
                   allowed_imports=["atexit"])


def test_signal_handler_replaced(sandbox):
    sandbox.attack("import signal\nsignal.signal(signal.SIGUSR1, signal.SIG_IGN)",
                   allowed_imports=["signal"])


def test_tempfile_tempdir_global(sandbox):
    sandbox.attack("import tempfile\ntempfile.tempdir = '/'", allowed_imports=["tempfile"])


def test_codecs_register_search_function(sandbox):
    sandbox.attack("""
        import codecs
        codecs.register(lambda name: codecs.lookup('utf-8') if name == 'safeexecpwned' else None)
    """, allowed_imports=["codecs"])


def test_collections_abc_register_builtin(sandbox):
    sandbox.attack("import collections.abc\ncollections.abc.Mapping.register(list)",
                   allowed_imports=["collections.abc"])


def test_numbers_register_builtin(sandbox):
    sandbox.attack("import numbers\nnumbers.Integral.register(float)", allowed_imports=["numbers"])


# -- decorators that write into what they decorate ------------------------------------------------
def test_dataclass_decorator_rewrites_host_class(sandbox):
    sandbox.attack("""
        import dataclasses, json
        dataclasses.dataclass(json.JSONDecoder)
    """, allowed_imports=["dataclasses", "json"])


def test_typing_final_marks_host_function(sandbox):
    # Marking the sandbox's own wrapper of json.dumps is harmless; marking the host's is not.
    sandbox.attack("""
        import typing, json
        typing.final(json.dumps)
    """, allowed_imports=["typing", "json"], expect="any")


def test_update_wrapper_writes_into_host_function(sandbox):
    sandbox.attack("""
        import functools, json
        functools.update_wrapper(json.dumps, lambda: 0)
    """, allowed_imports=["functools", "json"])


def test_pprint_default_stream_is_not_host_stdout(sandbox, monkeypatch):
    # pprint's default stream is whatever sys.stdout is: the host's, not the sandbox's output.
    import io
    host_stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdout", host_stdout)

    def wrote_to_host() -> list[str]:
        return ["wrote to the host's sys.stdout"] if host_stdout.getvalue() else []

    sandbox.attack("""
        import pprint
        pprint.pprint({'written': 'to the host'})
        pprint.PrettyPrinter().pprint({'written': 'to the host'})
    """, allowed_imports=["pprint"], expect="any", check=wrote_to_host, cpython_escapes=None)


# -- more shared host objects: instances with a Python __init__, mutable module-level containers,
# -- process-wide registries ---------------------------------------------------------------------
def test_calendar_month_name_reinit_via_init(sandbox):
    # calendar.month_name is one host object; its __init__ only stores the strftime format.
    sandbox.attack("import calendar\ncalendar.month_name.__init__('%b')",
                   allowed_imports=["calendar"])


def test_decimal_basiccontext_reinit_via_init(sandbox):
    sandbox.attack("import decimal\ndecimal.BasicContext.__init__(prec=2)",
                   allowed_imports=["decimal"], expect="any")


def test_keyword_kwlist_augassign_mutates_before_write(sandbox):
    # `m.attr += x` mutates the list in place before the (refused) write back to the module.
    sandbox.attack("import keyword\nkeyword.kwlist += ['pwned']", allowed_imports=["keyword"])


def test_hashlib_algorithm_set_mutation(sandbox):
    sandbox.attack("import hashlib\nhashlib.algorithms_available.clear()",
                   allowed_imports=["hashlib"], expect="any")


def test_token_tok_name_mutation(sandbox):
    sandbox.attack("import token\ntoken.tok_name[0] = 'PWNED'", allowed_imports=["token"])


def test_encodings_aliases_mutation(sandbox):
    sandbox.attack("import encodings.aliases\nencodings.aliases.aliases['latin_1'] = 'utf_8'",
                   allowed_imports=["encodings.aliases"])


def test_mimetypes_add_type_global(sandbox):
    sandbox.attack("import mimetypes\nmimetypes.add_type('application/x-safeexec-pwn', '.safeexecpwn')",
                   allowed_imports=["mimetypes"])


def test_xml_etree_register_namespace_global(sandbox):
    sandbox.attack("""
        import xml.etree.ElementTree as ET
        ET.register_namespace('pwn', 'http://attacker.example/ns')
    """, allowed_imports=["xml.etree.ElementTree"])


def test_codecs_register_error_global(sandbox):
    sandbox.attack("""
        import codecs
        codecs.register_error('safeexecpwn', lambda exc: ('?', exc.end))
    """, allowed_imports=["codecs"])
