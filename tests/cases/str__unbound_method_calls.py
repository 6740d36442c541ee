words = ["alpha", "beta"]
print(str.join(", ", words), str.join("-", "abc"))
print(str.upper("x"), str.split("a b"), str.replace("aa", "a", "b"))
print(list(map(str.strip, [" a ", "b "])), sorted(["b", "A"], key=str.lower))
counts = {"a": 1}
print(dict.get(counts, "a"), dict.get(counts, "z", 0), list.count([1, 1, 2], 1))
items = []
list.append(items, 3)
list.extend(items, [4, 5])
print(items, tuple.index((7, 8), 8), set.union({1}, [2]))
