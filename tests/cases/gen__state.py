def gen():
    print("  started")
    x = yield "first"
    print("  got", x)
    yield "second"
    print("  finishing")


g = gen()
print("created")
print(next(g))
print(g.send("hello"))
print(list(g))
g2 = gen()
g2.close()
print(list(g2))


def reuse():
    yield from range(2)


r = reuse()
print(list(r), list(r))
print(list(reuse()) + list(reuse()))
