inventory = {"apple": 3, "pear": 0, "fig": 7}
keys = inventory.keys()
inventory["kiwi"] = 2
print(list(keys), len(keys), "fig" in keys)
print(sorted(inventory.items(), key=lambda kv: kv[1]))
print(keys & {"fig", "plum"}, sorted(keys - {"apple"}))
defaults = {"color": "red", "size": 1}
custom = {"size": 3}
print(defaults | custom, custom | defaults)
merged = dict(defaults)
merged |= {"shape": "round"}
print(merged)
print({k: v for k, v in inventory.items() if v})
print(max(inventory, key=inventory.get), min(inventory.values()))
print(list(reversed(inventory)), list(inventory.values())[::-1])
print({"a": 1, "b": 2} == {"b": 2, "a": 1}, list({"b": 1, "a": 2}))
