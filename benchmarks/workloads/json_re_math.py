# Allowed stdlib modules on N records (default 5k): json round trip, regexes, math functions.
import json, math, re

records = [{"id": i, "name": f"item-{i}", "tags": ["a" if i % 2 else "b", str(i % 7)], "x": i * 0.5}
           for i in range(N)]
text = json.dumps(records)
back = json.loads(text)
ids = [int(m) for m in re.findall(r'"id": (\d+)', text)]
norm = math.fsum(math.sqrt(r["x"]) + math.log1p(r["id"]) for r in back)
pattern = re.compile(r"item-(\d+)7$")
hits = sum(1 for r in back if pattern.search(r["name"]))
checksum = len(text) + sum(ids) + hits + int(norm * 1000)
checksum
