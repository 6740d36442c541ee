"""Code from strings and code objects: eval/exec/compile in every spelling, the ast module as a
compiler front end, and builtins that hand control to the host (breakpoint/help/input/exit live in
test_host_integrity and test_exceptions).
"""
from __future__ import annotations


def test_exec_builtin(sandbox):
    sandbox.attack("exec(\"import os; os.system(\\\"touch '%s'\\\" % canary)\")")


def test_eval_builtin(sandbox):
    sandbox.attack("eval(\"open(canary, 'w')\")")


def test_compile_then_exec(sandbox):
    sandbox.attack("exec(compile(\"open(canary, 'w')\", '<x>', 'exec'))")


def test_compile_code_object_into_function(sandbox):
    sandbox.attack("""
        code = compile("open(canary, 'w')", '<x>', 'exec')
        type(lambda: 0)(code, {'canary': canary})()
    """)


def test_ast_parse_then_compile(sandbox):
    sandbox.attack("""
        import ast
        tree = ast.parse("open(canary, 'w')")
        exec(compile(tree, '<x>', 'exec'))
    """, allowed_imports=["ast"])


def test_exec_with_explicit_builtins(sandbox):
    sandbox.attack("""
        exec("b = __builtins__; b = b if isinstance(b, dict) else vars(b); b['open'](canary, 'w')",
             {'canary': canary})
    """)


def test_eval_reached_through_builtins_of_a_function(sandbox):
    sandbox.attack("""
        b = search.__globals__['__builtins__']
        b = b if isinstance(b, dict) else vars(b)
        b['eval']("open(canary, 'w')", {'canary': canary})
    """)


def test_code_replace_swaps_names(sandbox):
    # code.replace(co_names=...) turns a harmless global lookup into another one.
    sandbox.attack("""
        def harmless():
            return print(canary, 'w')
        code = harmless.__code__.replace(co_names=('open', 'canary'))
        harmless.__code__ = code
        harmless()
    """)


def test_ast_literal_eval_is_only_literals(sandbox):
    # literal_eval is safe on CPython; a sandbox must not make it more than that.
    sandbox.attack("""
        import ast
        ast.literal_eval("open(canary, 'w')")
    """, allowed_imports=["ast"], cpython_escapes=False)


def test_lambda_default_evaluates_escape(sandbox):
    # Defaults are evaluated at definition: same guards as any other expression.
    sandbox.attack("f = lambda x=search.__globals__['SECRET']: x\nprint(f())")


def test_decorator_expression_escape(sandbox):
    sandbox.attack("""
        @(lambda f: print(search.__globals__['SECRET']) or f)
        def g():
            pass
    """)


def test_walrus_in_comprehension_escape(sandbox):
    sandbox.attack("print([(g := search.__globals__) for _ in [0]][0]['SECRET'])")


def test_match_class_pattern_reads_attribute(sandbox):
    # Class patterns read attributes by keyword: a route past attribute nodes.
    sandbox.attack("""
        match web_search:
            case object(api_key=key):
                print(key)
    """)


def test_match_mapping_pattern_on_globals(sandbox):
    sandbox.attack("""
        match search:
            case object(__globals__={'SECRET': secret}):
                print(secret)
    """)
