data = [3, 1, 2]
data.sort()
print(data)
counts = {"a": 1}
print(counts.get("a"))
data.push(4)
