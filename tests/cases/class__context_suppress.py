class Suppress:
    def __init__(self, *types):
        self.types = types
        self.caught = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            self.caught = f"{exc_type.__name__}: {exc}"
            return True
        return False


with Suppress(ZeroDivisionError) as s:
    print("before")
    1 / 0
    print("not reached")
print("after", s.caught)
try:
    with Suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)


def f():
    with Suppress(ValueError):
        return "returned inside with"


print(f())
