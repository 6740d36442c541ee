# imports: json
import json


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


def encode(obj):
    if isinstance(obj, Point):
        return {"x": obj.x, "y": obj.y}
    raise TypeError(f"cannot encode {type(obj).__name__}")


print(json.dumps({"p": Point(1, 2)}, default=encode))


def decode(d):
    return Point(d["x"], d["y"]) if set(d) == {"x", "y"} else d


loaded = json.loads('{"a": {"x": 5, "y": 6}, "b": 1}', object_hook=decode)
print(type(loaded["a"]).__name__, loaded["a"].x, loaded["b"])
print(json.loads("[1.5, 2]", parse_float=lambda s: "float:" + s))
