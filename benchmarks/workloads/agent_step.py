# A 12-line agent step: call the host tool `search` (N results per query, default 200), parse its
# JSON, rank, print a summary and count words. Most agent code looks like this.
import json
hits = []
for q in ["wasm sandbox", "python ast interpreter", "fuel metering"]:
    page = json.loads(search(q, N))
    hits.extend(h for h in page["results"] if h["score"] > 0.25)
hits.sort(key=lambda h: -h["score"])
summary = "\n".join(f"{h['title']} ({h['score']:.2f}) {h['url']}" for h in hits[:5])
print(summary)
words = {}
for h in hits:
    for w in h["snippet"].lower().split():
        words[w] = words.get(w, 0) + 1
checksum = len(hits) * 100000 + sum(words.values()) + len(words) + len(summary)
checksum
