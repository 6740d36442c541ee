records = [("x", 1.5), ("y", -2), ("z", None)]
table = {name: {"value": v, "ok": v is not None} for name, v in records}
print(len(table))
# nested containers of many types as the value
[table, sorted(table), frozenset({1}), (None, True, b"raw", 3 + 4j)]
