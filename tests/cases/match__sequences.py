def shape(seq):
    match seq:
        case []:
            return "empty"
        case [x]:
            return f"one: {x}"
        case [x, y]:
            return f"two: {x},{y}"
        case [first, *middle, last] if not middle:
            return "unreachable"
        case [first, *rest] if len(rest) > 3:
            return f"long, starts {first}, {len(rest)} more"
        case [first, *middle, last]:
            return f"{first} .. {middle} .. {last}"


for s in ([], [1], (1, 2), [1, 2, 3], list(range(6)), "ab"):
    print(repr(s), "->", shape(s))
match [1, [2, 3]]:
    case [a, [b, c]]:
        print("nested", a, b, c)
match (1, 2, 3):
    case (1, *_):
        print("starts with 1")
