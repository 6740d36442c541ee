class Tag:
    def __init__(self, name, log):
        self.name = name
        self.log = log

    def __enter__(self):
        self.log.append(f"<{self.name}>")
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        self.log.append(f"</{self.name}>")
        return False


log = []
with Tag("a", log) as value:
    log.append(value)
print(log)
log.clear()
with Tag("outer", log), Tag("inner", log) as inner:
    log.append(inner)
print(log)
log.clear()
try:
    with Tag("boom", log):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e), log)
