d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d["b"])
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.setdefault("c", 3), d.setdefault("a", 100), d)
d.update({"b": 20, "d": 4}, e=5)
d.update([("f", 6)])
print(d)
print(d.pop("f"), d.pop("missing", "none"), d)
try:
    d.pop("missing")
except KeyError as e:
    print("KeyError:", e)
print(d.popitem(), d)
c = d.copy()
c["new"] = 1
print("new" in d, "new" in c, len(c))
print(dict.fromkeys(["x", "y"], 0), dict.fromkeys("ab"))
d.clear()
print(d, bool(d))
