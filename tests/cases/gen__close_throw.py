def worker():
    try:
        n = 0
        while True:
            try:
                yield n
            except ValueError as e:
                print("worker caught", e)
                n = -1
            n += 1
    finally:
        print("cleanup")


w = worker()
print(next(w), next(w))
print(w.throw(ValueError("bad value")))
print(next(w))
w.close()
print(next(w, "closed"))


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise


s = stubborn()
next(s)
s.close()
try:
    worker().throw(KeyError("early"))
except KeyError as e:
    print("KeyError propagated:", e)
