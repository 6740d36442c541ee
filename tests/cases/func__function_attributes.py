def counter():
    counter.calls += 1
    return counter.calls


counter.calls = 0
counter()
counter()
print(counter.calls)


def tagged(**tags):
    def deco(fn):
        fn.tags = tags
        return fn
    return deco


@tagged(kind="report", level=2)
def report():
    return "done"


print(report(), report.tags, getattr(report, "missing", None))
print(sorted(k for k in ("tags", "calls") if hasattr(report, k)))
