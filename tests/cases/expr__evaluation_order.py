log = []


def v(label, value=None):
    log.append(label)
    return label if value is None else value


d = {v("k1"): v("v1"), v("k2"): v("v2")}
print(log); log.clear()
v("f", print)(v("a1"), v("a2"), sep=v("s"))
print(log); log.clear()
v("obj", [0, 0])[v("idx", 1)] = v("rhs", 5)
print(log); log.clear()
x = [0, 0, 0]
i = 0
i = x[i] = 2
print(i, x)
print(v("l", 1) + v("r", 2) * v("m", 3), log); log.clear()
result = v("a", 0) or v("b", 0) or v("c", 7)
print(result, log); log.clear()
print([v(n) for n in "xy"], v("z"), log)
