"""The `ast` backend: a hardened interpreter that compiles checked Python ASTs to closures.

Layers (dependencies point downward only): meter/policy/signals -> guards/sizes -> modules ->
calls/safe_builtins -> compiler (exprs, stmts, targets, functions, generators, patterns) ->
checker -> backend.
"""
