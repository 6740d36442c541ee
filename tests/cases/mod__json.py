# imports: json
import json

data = {"name": "Ann", "tags": ["a", "b"], "age": 30, "ok": True, "none": None, "pi": 3.14}
text = json.dumps(data)
print(text)
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, "é", (2, 3)]), json.dumps("é", ensure_ascii=False))
print(json.dumps({"b": 1, "a": [1, {"c": 2}]}, separators=(",", ":")))
back = json.loads(text)
print(back == data, back["tags"], type(back["age"]).__name__)
print(json.loads('[1, 2.5, "x", null, true, {"k": []}]'))
try:
    json.loads("{bad json}")
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e.msg, e.lineno, e.colno)
try:
    json.dumps({1, 2})
except TypeError as e:
    print("TypeError:", e)
print(json.dumps({1: "int key"}), json.dumps(float("inf")))
json.loads('{"a": {"b": [1, 2, 3]}}')["a"]["b"][-1]
