attempts = {
    "enumerate": lambda: enumerate(5),
    "zip": lambda: zip([1], 5),
    "filter": lambda: filter(None, 5),
    "map": lambda: map(str, 5),
    "reversed": lambda: reversed(5),
    "iter": lambda: iter(5),
}
for name, attempt in attempts.items():
    try:
        attempt()
        print(name, "accepted an int")
    except TypeError as e:
        print(name, "TypeError:", e)
