def inner():
    got = []
    try:
        while True:
            try:
                got.append((yield len(got)))
            except KeyError as e:
                got.append(f"inner caught {e}")
    finally:
        print("inner closing with", got)


def outer():
    result = yield from inner()
    print("never reached", result)


g = outer()
print(next(g), g.send("a"), g.send("b"))
print(g.throw(KeyError("k")))
g.close()


def sub():
    x = yield 1
    return x * 10


def delegator():
    r = yield from sub()
    yield f"sub returned {r}"


d = delegator()
print(next(d), d.send(4))
