# N rounds of string work (default 20k): f-strings, methods, slicing, split and a final join.
words = ["alpha", "beta", "gamma", "delta", "epsilon"]
total = 0
parts = []
for i in range(N):
    s = f"{words[i % 5]}-{i}".upper().replace("A", "4")
    if s.startswith("4") or s.endswith("7"):
        total += len(s.split("-")[0])
    parts.append(s.lower()[::-1])
joined = ",".join(parts)
checksum = total + len(joined) + joined.count("4")
checksum
