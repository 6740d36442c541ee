def describe(name, age, city="Paris", *, verbose=False):
    base = f"{name} ({age}) from {city}"
    return base.upper() if verbose else base


print(describe("Ann", 30))
print(describe(age=41, name="Bo"))
print(describe("Cy", 22, verbose=True, city="Rome"))
opts = {"city": "Oslo", "verbose": False}
print(describe("Di", 19, **opts))
print(dict(a=1, b=2), dict([("x", 1)], y=2))
print(sorted([3, 1, 2], reverse=True), "-".join(map(str, range(3))))
print(int("ff", base=16), round(number=2.567, ndigits=1))
