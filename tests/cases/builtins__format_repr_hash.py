print(format(3.14159, ".3f"), format(42, "06d"), format("x", ">4"), format(1e-3, ".1e"))
print(format(True), format(None), format([1, 2]), format(1234.5, ","))
print(repr("a'b"), repr(1.0), repr([1, "x", None]), repr({"k": (1,)}), repr(b"\x00\xff"))
print(repr(set()), repr(frozenset({1})), repr(range(3)), repr(...), repr(NotImplemented))
print(hash(42), hash(-1), hash(0), hash(True), hash(10 ** 6), hash(3.0) == hash(3))
print(hash("abc") == hash("abc"), hash((1, 2)) == hash((1, 2)))
try:
    hash([1])
except TypeError as e:
    print("TypeError:", e)
try:
    hash({})
except TypeError as e:
    print("TypeError:", e)
try:
    format(3, "q")
except ValueError as e:
    print("ValueError:", e)
