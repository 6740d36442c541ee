text = "the quick brown fox jumps over the lazy dog the end"
counts = {}
for word in text.split():
    counts[word] = counts.get(word, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
groups = {}
for word in text.split():
    groups.setdefault(len(word), []).append(word)
print({k: groups[k] for k in sorted(groups)})
index = {}
for i, ch in enumerate("banana"):
    index.setdefault(ch, []).append(i)
print(index)
nested = {"a": {"b": {"c": 1}}}
print(nested["a"]["b"]["c"], nested.get("x", {}).get("y"))
inverted = {v: k for k, v in {"one": 1, "two": 2}.items()}
print(inverted)
