counter = []


def make_default():
    counter.append(1)
    return len(counter)


def f(x=make_default()):
    return x


print(f(), f(), f(10), len(counter))


def append_to(item, target=[]):
    target.append(item)
    return target


print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))


def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target


print(safe_append(1), safe_append(2))
