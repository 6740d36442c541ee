people = [("amy", 31), ("bob", 25), ("cat", 31), ("dan", 19)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted("Banana", key=str.lower), sorted("Banana"))
print(sorted([3, 1, 2], reverse=True), sorted({"b": 1, "a": 2}))
print(list(reversed([1, 2, 3])), "".join(reversed("abc")), list(reversed((1, 2))))
words = ["bb", "a", "ccc", "dd"]
words.sort(key=len)
print(words)
words.sort(key=len, reverse=True)
print(words)
print(sorted([]), sorted(x for x in [2, 1]))
