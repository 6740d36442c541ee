# imports: contextlib
from contextlib import contextmanager, suppress


@contextmanager
def section(title, log):
    log.append(f"begin {title}")
    try:
        yield title.upper()
    except ValueError as e:
        log.append(f"handled {e}")
    finally:
        log.append(f"end {title}")


log = []
with section("one", log) as t:
    log.append(t)
with section("two", log):
    raise ValueError("oops")
print(log)
with suppress(KeyError, IndexError):
    [][5]
print("suppressed")
