class C:
    k = 5
    doubled = [n * 2 for n in range(k)]
    try:
        broken = [k for _ in range(2)]
    except NameError as e:
        error = str(e)


print(C.doubled, C.error)
y = 10


class D:
    y = 1
    seen = [y for _ in range(2)]


print(D.seen)
