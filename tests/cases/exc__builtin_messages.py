cases = [
    lambda: 1 / 0,
    lambda: 1 % 0,
    lambda: 1.0 / 0,
    lambda: [1][3],
    lambda: (1,)[-5],
    lambda: "abc"[10],
    lambda: {"a": 1}["b"],
    lambda: int("12x"),
    lambda: float("nope"),
    lambda: [].pop(),
    lambda: {}.popitem(),
    lambda: [1, 2].index(5),
    lambda: "abc".index("z"),
    lambda: list(range(3)).remove(9),
    lambda: ().x,
    lambda: chr(-1),
    lambda: int(None),
    lambda: sum(["a", "b"]),
    lambda: next(iter(())),
]
for case in cases:
    try:
        case()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
