"""Imports and module smuggling: forbidden imports in every spelling, and allowed modules whose
public attributes are other modules (`uuid.os`, `statistics.sys`, `dataclasses.builtins`,
simpleeval CVE-2026-32640 `os.path.os`), loaders, and star imports.
"""
from __future__ import annotations

TOUCH = "(\"touch '%s'\" % canary)"


def test_import_os_system(sandbox):
    sandbox.attack("import os\nos.system" + TOUCH)


def test_from_os_import_system(sandbox):
    sandbox.attack("from os import system\nsystem" + TOUCH)


def test_dunder_import_builtin(sandbox):
    sandbox.attack("__import__('os').system" + TOUCH)


def test_importlib_import_module(sandbox):
    sandbox.attack("import importlib\nimportlib.import_module('os').system" + TOUCH,
                   allowed_imports=["importlib"])


def test_import_subprocess_run(sandbox):
    sandbox.attack("import subprocess\nsubprocess.run(['touch', canary])")


def test_import_builtins_module_open(sandbox):
    sandbox.attack("import builtins\nbuiltins.open(canary, 'w')")


def test_import_sys_modules_os(sandbox):
    sandbox.attack("import sys\nsys.modules['os'].system" + TOUCH)


def test_import_ctypes_libc_system(sandbox):
    sandbox.attack("""
        import ctypes
        ctypes.CDLL(None).system(("touch '%s'" % canary).encode())
    """)


def test_import_posix_directly(sandbox):
    sandbox.attack("import posix\nposix.system" + TOUCH)


def test_star_import_forbidden_module(sandbox):
    sandbox.attack("from os import *\nsystem" + TOUCH)


def test_star_import_allowed_module_smuggles_os(sandbox):
    # uuid has no __all__, so `import *` copies its module-valued public names, os included.
    sandbox.attack("from uuid import *\nos.system" + TOUCH, allowed_imports=["uuid"])


def test_cve_2026_32640_os_path_os(sandbox):
    sandbox.attack("from os import path\npath.os.system" + TOUCH, allowed_imports=["os.path"])


def test_allowed_submodule_does_not_allow_parent(sandbox):
    sandbox.attack("import os.path\nos.system" + TOUCH, allowed_imports=["os.path"])


def test_os_path_sys_modules(sandbox):
    sandbox.attack("import os.path\nos.path.sys.modules['os'].system" + TOUCH,
                   allowed_imports=["os.path"])


def test_statistics_sys_modules(sandbox):
    sandbox.attack("import statistics\nstatistics.sys.modules['os'].system" + TOUCH,
                   allowed_imports=["statistics"])


def test_typing_sys_modules(sandbox):
    sandbox.attack("import typing\ntyping.sys.modules['os'].system" + TOUCH,
                   allowed_imports=["typing"])


def test_dataclasses_builtins_open(sandbox):
    sandbox.attack("import dataclasses\nprint(dataclasses.builtins.open(secret_path).read())",
                   allowed_imports=["dataclasses"])


def test_dataclasses_inspect_currentframe(sandbox):
    sandbox.attack("""
        import dataclasses
        frame = dataclasses.inspect.currentframe()
        frame.f_builtins['open'](canary, 'w')
    """, allowed_imports=["dataclasses"])


def test_uuid_os_system(sandbox):
    sandbox.attack("import uuid\nuuid.os.system" + TOUCH, allowed_imports=["uuid"])


def test_random_private_os(sandbox):
    sandbox.attack("import random\nrandom._os.system" + TOUCH, allowed_imports=["random"])


def test_enum_bltns_open(sandbox):
    sandbox.attack("import enum\nprint(enum.bltns.open(secret_path).read())",
                   allowed_imports=["enum"])


def test_datetime_sys_modules(sandbox):
    sandbox.attack("import datetime\ndatetime.sys.modules['os'].system" + TOUCH,
                   allowed_imports=["datetime"])


def test_fractions_sys_modules(sandbox):
    sandbox.attack("import fractions\nfractions.sys.modules['os'].system" + TOUCH,
                   allowed_imports=["fractions"])


def test_calendar_sys_modules(sandbox):
    sandbox.attack("import calendar\ncalendar.sys.modules['os'].system" + TOUCH,
                   allowed_imports=["calendar"])


def test_json_codecs_open_reads_file(sandbox):
    sandbox.attack("import json\nprint(json.codecs.open(secret_path).read())",
                   allowed_imports=["json"])


def test_json_decoder_class_tampered(sandbox):
    # json.decoder is a submodule reached as an attribute; writing through it changes the host.
    sandbox.attack("""
        import json
        json.decoder.JSONDecoder.decode = lambda self, s: 'hijacked'
        json.loads('1')
    """, allowed_imports=["json"])


def test_json_scanner_make_scanner_replaced(sandbox):
    sandbox.attack("""
        import json
        json.scanner.make_scanner = json.scanner.py_make_scanner
        json.decoder.scanstring = lambda *a: ('hijacked', 0)
        json.loads('"x"')
    """, allowed_imports=["json"])


def test_queue_threading_settrace(sandbox):
    # queue.threading is the host's threading module: settrace hooks every new host thread.
    sandbox.attack("""
        import queue
        queue.threading.settrace(lambda *a: None)
    """, allowed_imports=["queue"])


def test_re_copyreg_dispatch_table(sandbox):
    sandbox.attack("""
        import re
        re.copyreg.dispatch_table[complex] = lambda c: (print, ('hijacked',))
    """, allowed_imports=["re"])


def test_io_open_reads_file(sandbox):
    sandbox.attack("import io\nprint(io.open(secret_path).read())", allowed_imports=["io"])


def test_io_fileio_creates_canary(sandbox):
    sandbox.attack("import io\nio.FileIO(canary, 'w')", allowed_imports=["io"])


def test_os_path_exists_oracle(sandbox):
    sandbox.attack("""
        import os.path
        if os.path.exists(secret_path):
            print('ORACLE' + '-HIT')
    """, allowed_imports=["os.path"])


def test_os_path_expandvars_environment(sandbox):
    sandbox.attack("import os.path\nprint(os.path.expandvars('$SAFEEXEC_TEST_SECRET'))",
                   allowed_imports=["os.path"])


def test_module_loader_load_module(sandbox):
    sandbox.attack("""
        import itertools
        sys = itertools.__loader__.load_module('sys')
        sys.modules['os'].system("touch '%s'" % canary)
    """, allowed_imports=["itertools"])


def test_module_spec_loader(sandbox):
    sandbox.attack("""
        import json
        loader = json.__spec__.loader
        mod = type(loader)('os', json.__spec__.origin.replace('json/__init__.py', 'os.py')).load_module()
        mod.system("touch '%s'" % canary)
    """, allowed_imports=["json"])


def test_relative_import_from_package(sandbox):
    # Sandboxed code is not in a package: a relative import must fail, as it does in exec.
    sandbox.attack("from . import os\nos.system" + TOUCH, cpython_escapes=False)


def test_import_json_tool_submodule_not_allowed(sandbox):
    # Allowing a package does not allow its other submodules (json.tool imports sys).
    sandbox.attack("from json import tool\ntool.sys.modules['os'].system" + TOUCH,
                   allowed_imports=["json"])


def test_gc_get_referents_mutates_builtin_type(sandbox):
    # gc hands out the real dict behind a type's mappingproxy.
    sandbox.attack("""
        import gc
        gc.get_referents(str.__dict__)[0]['pwn'] = lambda self: print(self)
        'x'.pwn()
    """, allowed_imports=["gc"])


def test_sys_getframe_back_to_host(sandbox):
    sandbox.attack("""
        import sys
        frame = sys._getframe(0)
        while frame is not None:
            if 'os' in frame.f_globals:
                frame.f_globals['os'].system("touch '%s'" % canary)
                break
            frame = frame.f_back
    """, allowed_imports=["sys"])


def test_inspect_currentframe(sandbox):
    sandbox.attack("""
        import inspect
        inspect.currentframe().f_builtins['open'](canary, 'w')
    """, allowed_imports=["inspect"])
