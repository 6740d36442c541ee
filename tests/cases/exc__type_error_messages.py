n, nothing = 5, None
cases = [
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: [1] + (2,),
    lambda: None + 1,
    lambda: n(),
    lambda: nothing(),
    lambda: n[0],
    lambda: len(5),
    lambda: {}[[]],
    lambda: "a" * "b",
    lambda: -"x",
    lambda: iter(3),
    lambda: "x" < 3,
    lambda: abs("x"),
    lambda: "abc".join([1, 2]),
    lambda: sorted([1, "a"]),
    lambda: (1, 2)[0:1:0],
    lambda: {}.get(),
]
for case in cases:
    try:
        case()
    except (TypeError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
