class Settings:
    theme = "dark"

    def __init__(self):
        self.size = 12


s = Settings()
print(getattr(s, "size"), getattr(s, "theme"), getattr(s, "color", "default"))
setattr(s, "color", "blue")
print(s.color, hasattr(s, "color"), hasattr(s, "font"))
for name in ("size", "color", "missing"):
    print(name, getattr(s, name, None))
delattr(s, "color")
print(hasattr(s, "color"))
try:
    getattr(s, "missing")
except AttributeError as e:
    print("AttributeError:", e)
print(getattr("abc", "upper")(), getattr([], "append") is not None)
fields = {"a": 1, "b": 2}
for k, v in fields.items():
    setattr(s, k, v * 10)
print(s.a, s.b)
