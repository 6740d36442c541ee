class A:
    pass


class B(A):
    pass


print(isinstance(1, int), isinstance(True, int), isinstance(1.0, int), isinstance("s", (int, str)))
print(isinstance(B(), A), isinstance(A(), B), issubclass(B, A), issubclass(A, (B, object)))
print(issubclass(bool, int), issubclass(int, float), isinstance(None, type(None)))
print(isinstance([], list), isinstance({}, dict), isinstance((), tuple),
      isinstance(range(1), range))
print(isinstance(3, int | str), isinstance(None, int | None))
try:
    issubclass(B(), A)
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance(1, 5)
except TypeError as e:
    print("TypeError:", e)
