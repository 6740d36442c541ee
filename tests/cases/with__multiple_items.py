class Resource:
    def __init__(self, name, log):
        self.name, self.log = name, log

    def __enter__(self):
        self.log.append("open " + self.name)
        return self

    def __exit__(self, *exc):
        self.log.append("close " + self.name)


log = []
with Resource("a", log) as a, Resource("b", log) as b, Resource("c", log):
    log.append(f"using {a.name}+{b.name}")
print(log)
log.clear()
with (
    Resource("x", log) as x,
    Resource("y", log) as y,
):
    log.append("body")
print(log)
log.clear()
try:
    with Resource("p", log), Resource("q", log):
        raise RuntimeError("inside")
except RuntimeError as e:
    print(e, log)
