class Converting:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is KeyError:
            raise LookupError(f"converted {exc}")
        return False


try:
    with Converting():
        {}["gone"]
except LookupError as e:
    print(type(e).__name__, e)
for i in range(3):
    try:
        raise ValueError(i)
    finally:
        if i == 1:
            break
print("loop ended at", i)


def swallow():
    for attempt in range(2):
        try:
            raise RuntimeError("hidden")
        finally:
            continue
    return "finished quietly"


print(swallow())
