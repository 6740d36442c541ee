class Config:
    def __init__(self, values):
        self.values = values

    def __getattr__(self, name):
        if name in self.values:
            return self.values[name]
        raise AttributeError(f"no setting {name!r}")


c = Config({"debug": True, "level": 3})
print(c.debug, c.level, c.values)
try:
    c.missing
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(c, "level", 0), getattr(c, "nope", "dflt"), hasattr(c, "nope"))


c.values["late"] = "added"
c.level = 4
print(c.late, c.level, c.values["level"])
