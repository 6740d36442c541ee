def risky():
    raise ValueError("original")


def wrapper():
    try:
        risky()
    except ValueError:
        print("logging and re-raising")
        raise


try:
    wrapper()
except ValueError as e:
    print("caught again:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)


def nested():
    try:
        raise KeyError("a")
    except KeyError:
        try:
            raise IndexError("b")
        except IndexError:
            pass
        raise


try:
    nested()
except Exception as e:
    print(type(e).__name__, e)
