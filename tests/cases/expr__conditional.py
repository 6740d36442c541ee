def classify(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"


print([classify(n) for n in (-2, 0, 3)])
x = None
print(x if x is not None else "default")
print((lambda v: "even" if v % 2 == 0 else "odd")(7))
print(1 if [] else 2, 1 if [0] else 2, "a" if "" else "b")
calls = []
def mark(v):
    calls.append(v)
    return v
r = mark("t") if mark(True) else mark("f")
print(r, calls)
print(0 or "fallback", "" and "never", 5 and 6, None or 0 or [])
