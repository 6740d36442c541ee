"""Which imports a session allows, and the wording of a refusal (the same as the `ast` backend's).

Runs on the host (the static check before any code is sent) and, as source text in the guest
driver, inside the guest (the runtime check): keep it self-contained and valid on 3.11 and 3.12.

An entry names a module exactly ("json", "os.path") or a package and everything under it
("numpy.*"). In the wasm backend this is policy, not the security boundary: real CPython runs in
the guest, so sandboxed code that digs through object graphs can reach modules it never imported;
it still cannot reach anything outside the WebAssembly instance.
"""


class ImportRule:
    def __init__(self, allowed):
        allowed = sorted(set(allowed))
        self.exact = frozenset(n for n in allowed if not n.endswith(".*"))
        self.trees = frozenset(n[:-2] for n in allowed if n.endswith(".*"))
        self.listing = ", ".join(allowed)

    def allows(self, name):
        if name in self.exact:
            return True
        parts = name.split(".")
        return any(".".join(parts[:i]) in self.trees for i in range(1, len(parts) + 1))

    def describe(self):
        return f"allowed imports: {self.listing}" if self.listing else "no imports are allowed"

    def refusal(self, name, level=0):
        """Why importing `name` is refused, or None when it is allowed."""
        if level:
            return "relative imports are not supported in the sandbox"
        if self.allows(name):
            return None
        return f"import of '{name}' is not allowed; {self.describe()}"


def static_refusals(tree, rule):
    """(message, lineno, col_offset) for every import statement in `tree` that `rule` refuses,
    and for `__import__('name')` written with a literal name."""
    import ast
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [(alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [(node.module or "", node.level)]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id == "__import__" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            message = rule.refusal(node.args[0].value)
            if message:
                found.append(("__import__: " + message, node.lineno, node.col_offset))
            continue
        else:
            continue
        for name, level in names:
            message = rule.refusal(name, level)
            if message:
                found.append((message, node.lineno, node.col_offset))
    return sorted(found, key=lambda item: (item[1], item[2]))
