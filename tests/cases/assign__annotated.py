count: int = 0
name: str
ratio: float = 0.5
items: list[int] = [1, 2]
mapping: dict[str, list[int]] = {"a": [1]}
count += 1
print(count, ratio, items, mapping)
try:
    print(name)
except NameError as e:
    print("NameError:", e)


def f(x: int, y: "str" = "d") -> tuple[int, str]:
    z: int = x * 2
    return z, y


print(f(3))
