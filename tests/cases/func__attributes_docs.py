def documented(a, b=2):
    """Add two numbers."""
    return a + b


def plain():
    pass


print(documented.__name__, documented.__doc__, plain.__doc__)
print(documented.__qualname__)


class K:
    def method(self):
        """A method."""

    class Inner:
        def deep(self):
            pass


print(K.method.__qualname__, K.Inner.deep.__qualname__, K.method.__doc__)


def outer():
    def inner():
        pass
    return inner


print(outer().__qualname__, outer.__name__)
print(callable(documented), callable(5), type(documented).__name__)
