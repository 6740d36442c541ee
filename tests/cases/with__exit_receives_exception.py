class Inspect:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit got", exc_type.__name__ if exc_type else None, repr(exc), tb is None)
        return exc_type is KeyError


with Inspect():
    print("no error")
with Inspect():
    {}["missing"]
print("KeyError was suppressed")
try:
    with Inspect():
        raise ValueError("kept")
except ValueError as e:
    print("ValueError escaped:", e)


class EnterFails:
    def __enter__(self):
        raise OSError("cannot enter")

    def __exit__(self, *a):
        print("exit should not run")


try:
    with EnterFails():
        print("body should not run")
except OSError as e:
    print("OSError:", e)
