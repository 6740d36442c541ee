class Foo:
    pass


class Bar(Foo):
    """Bar docs."""


f = Foo()
print(type(f).__name__, type(f) is Foo, f.__class__.__name__)
print(repr(Foo), str(Bar), Bar.__name__, Bar.__qualname__, Bar.__doc__)
print(type(Foo).__name__, type(type).__name__, type(3), type("s"), type([]))
print(isinstance(Foo, type), type(Bar()) is Bar, Foo.__doc__)
print([type(v).__name__ for v in (1, 1.0, "", b"", None, True, (), [], {}, set(), range(1))])
print(isinstance(type(f)(), Foo), type(f) == Foo, type(Bar()).__name__, repr(type(f)))
