def summarize(rows):
    return {
        "count": len(rows),
        "total": sum(r["v"] for r in rows),
        "names": sorted(r["n"] for r in rows),
    }


summarize([{"n": "b", "v": 2}, {"n": "a", "v": 5}])
