def check(x):
    assert x > 0, f"x must be positive, got {x}"
    assert isinstance(x, int)
    return x


print(check(5))
try:
    check(-2)
except AssertionError as e:
    print("AssertionError:", e)
try:
    check(2.5)
except AssertionError as e:
    print("AssertionError with no message:", repr(e), e.args)
assert True, "never evaluated " + 1
calls = []
assert calls.append(1) is None
print(calls)
assert 1 == 2, ("tuple", "message")
