"""Unicode and encoding tricks: Python NFKC-normalises identifiers when it parses, so `ｅｖａｌ`,
`𝐨𝐩𝐞𝐧` and `ᵉᵛᵃˡ` *are* eval and open; a guard must judge the parsed name, not the source text.
Strings are not normalised at run time, so computed names must be judged as they are.
"""
from __future__ import annotations


def test_fullwidth_eval_identifier(sandbox):
    sandbox.attack("ｅｖａｌ(\"__import__('os').system(\\\"touch '%s'\\\" % canary)\")")


def test_fullwidth_exec_identifier(sandbox):
    sandbox.attack("ｅｘｅｃ(\"open(canary, 'w')\")")


def test_mathematical_bold_open(sandbox):
    sandbox.attack("print(𝐨𝐩𝐞𝐧(secret_path).read())")


def test_superscript_letters_eval(sandbox):
    sandbox.attack("ᵉᵛᵃˡ(\"open(canary, 'w')\")")


def test_fullwidth_low_line_dunder_attribute(sandbox):
    # U+FF3F FULLWIDTH LOW LINE normalises to '_' (allowed after the first character, which
    # stays ASCII): this is search.__globals__.
    sandbox.attack("print(search._＿globals＿＿['SECRET'])")


def test_wavy_and_dashed_low_line_dunder_attribute(sandbox):
    # U+FE4D DASHED and U+FE4F WAVY LOW LINE normalise to '_' as well.
    sandbox.attack("print(search._﹍globals﹏﹍['SECRET'])")


def test_fullwidth_import_name(sandbox):
    sandbox.attack("import ｏｓ\nｏｓ.system(\"touch '%s'\" % canary)")


def test_nfkc_dunder_import(sandbox):
    sandbox.attack("_＿import＿＿('os').system(\"touch '%s'\" % canary)")


def test_nfkc_builtins_name(sandbox):
    sandbox.attack("""
        b = _＿builtins＿＿
        b = b if isinstance(b, dict) else vars(b)
        b['open'](canary, 'w')
    """)


def test_nfkc_attribute_write_on_module(sandbox):
    sandbox.attack("import math\nmath.ｐｉ = 3", allowed_imports=["math"])


def test_fullwidth_format_field_name_is_not_normalised(sandbox):
    # Format field names are strings: CPython does not normalise them, so this fails on CPython
    # too; a sandbox that normalised strings would turn it into __globals__.
    sandbox.attack("print('{0._＿globals＿＿[SECRET]}'.format(search))", cpython_escapes=False)


def test_rot13_decoded_code_executed(sandbox):
    sandbox.attack("""
        import codecs
        exec(codecs.decode("bcra(pnanel, 'j')", 'rot13'))
    """, allowed_imports=["codecs"])


def test_hex_decoded_code_executed(sandbox):
    sandbox.attack("exec(bytes.fromhex('6f70656e2863616e6172792c2027772729').decode())")


def test_name_built_from_unicode_escapes(sandbox):
    sandbox.attack(r"""globals()['__builtins__']['\N{LATIN SMALL LETTER E}val']("open(canary, 'w')")""")


def test_builtins_lookup_by_computed_name(sandbox):
    sandbox.attack("""
        b = globals()['__buil' + 'tins__']
        b = b if isinstance(b, dict) else vars(b)
        b['ev' + 'al']("open(canary, 'w')")
    """)


def test_surrogate_escape_in_attribute_string(sandbox):
    # A lone surrogate cannot be an attribute name; the guard must not crash on it either.
    sandbox.attack(r"print(getattr(search, '__globals__\udc80'.encode('utf-8', 'surrogateescape')"
                   r".decode('ascii', 'ignore'))['SECRET'])")
