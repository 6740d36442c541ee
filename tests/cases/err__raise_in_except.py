def load(key):
    store = {"a": 1}
    try:
        return store[key]
    except KeyError:
        raise LookupError(f"no such key: {key}")


print(load("a"))
load("b")
