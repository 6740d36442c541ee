class Foo:
    cls_attr = 1

    def __init__(self):
        self.x = 1


f = Foo()
try:
    f.y
except AttributeError as e:
    print(e)
try:
    Foo.nothing
except AttributeError as e:
    print(e)
try:
    (5).real = 3
except AttributeError as e:
    print(e)
try:
    "text".missing_method()
except AttributeError as e:
    print(e)
try:
    None.anything
except AttributeError as e:
    print(e)
print(getattr(f, "y", "fallback"), hasattr(f, "x"), hasattr(f, "cls_attr"))
setattr(f, "y", 42)
print(f.y, getattr(f, "y"))
