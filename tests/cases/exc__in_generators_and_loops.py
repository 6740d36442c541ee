def reader(items):
    for item in items:
        if item is None:
            raise ValueError("None in data")
        yield item * 2


out = []
try:
    for v in reader([1, 2, None, 4]):
        out.append(v)
except ValueError as e:
    print(out, e)
results = []
for raw in ["1", "x", "3", ""]:
    try:
        results.append(int(raw))
    except ValueError as e:
        results.append(str(e))
        continue
    finally:
        results.append("|")
print(results)
