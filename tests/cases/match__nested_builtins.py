def check(value):
    match value:
        case {"items": [{"id": int(first_id)}, *_]}:
            return f"first id {first_id}"
        case {"items": []}:
            return "no items"
        case (int() | float()) as num if num < 0:
            return "negative"
        case bool(b):
            return f"bool {b}"
        case int(n):
            return f"int {n}"
        case [str(a), str(b)]:
            return a + b
        case {"a": {"b": {"c": deep}}}:
            return f"deep {deep}"
        case _:
            return "fallthrough"


for v in ({"items": [{"id": 7}, {"id": 8}]}, {"items": []}, -3, -0.5, True, 4,
          ["x", "y"], ["x", 1], {"a": {"b": {"c": 42}}}, {"items": [{"id": "s"}]}):
    print(check(v))
