print(int(), int("42"), int(3.9), int("-0"), int("101", 2), int(True))
print(float(), float("3.5"), float(2), float("-inf"))
print(str(), str(42), str([1, "a"]), str(b"x"), str(3.0))
print(bool(), bool(0), bool("0"), bool([]), bool([[]]))
print(list(), list("abc"), list((1, 2)), list({"k": 1}), list(range(3)))
print(tuple(), tuple([1, 2]), tuple("hi"))
print(dict(), dict(a=1), dict([("x", 1), ("y", 2)]), dict({"z": 0}, w=1))
print(sorted(set("hello")), set(), sorted(frozenset([3, 1, 3])), frozenset())
print(bytes(2), bytes([1, 2]), bytearray(2), list(bytes("hi", "utf-8")))
print(complex(1, 2), complex("3-4j"), type(int("5")).__name__)
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    int("3.5")
except ValueError as e:
    print("ValueError:", e)
