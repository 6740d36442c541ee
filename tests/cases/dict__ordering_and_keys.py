d = {"b": 1, "a": 2, "c": 3}
del d["a"]
d["a"] = 4
print(d, list(d), next(iter(d)))
d["b"] = 10
print(list(d.items()))
keys = {1: "int", 1.0: "float", True: "bool"}
print(keys, len(keys))
mixed = {(1, 2): "tuple", frozenset({3}): "frozenset", None: "none", "": "empty"}
print(mixed[(1, 2)], mixed[frozenset({3})], mixed[None], mixed[""])
try:
    {[1]: 0}
except TypeError as e:
    print("TypeError:", e)
print(sorted({"b": 2, "a": 1}.items()), dict(sorted({"z": 1, "y": 2}.items())))
counts = dict.fromkeys("abc", 0)
counts["b"] += 1
print(counts, {**counts, "b": 0} == {"a": 0, "b": 0, "c": 0})
