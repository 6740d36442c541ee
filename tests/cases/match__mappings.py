def handle(event):
    match event:
        case {"type": "click", "pos": (x, y)}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k), **rest}:
            return f"key {k} extra={rest}"
        case {"type": "scroll"}:
            return "scroll"
        case {}:
            return "unknown mapping"
        case _:
            return "not a mapping"


events = [
    {"type": "click", "pos": (3, 4)},
    {"type": "key", "key": "q", "shift": True, "ctrl": False},
    {"type": "key", "key": 5},
    {"type": "scroll", "delta": -1},
    {"other": 1},
    [("type", "click")],
]
for e in events:
    print(handle(e))
