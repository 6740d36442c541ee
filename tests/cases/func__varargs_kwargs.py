def f(*args, **kwargs):
    return args, kwargs


print(f())
print(f(1, 2, x=3))
print(f(*range(3), **{"k": "v"}))


def g(a, *rest, sep=", ", **opts):
    return sep.join(str(v) for v in (a,) + rest) + (f" {opts}" if opts else "")


print(g(1))
print(g(1, 2, 3, sep="|"))
print(g("x", flag=True))


def h(first, second="s", *args, third, fourth=4, **kw):
    return first, second, args, third, fourth, kw


print(h(1, third=3))
print(h(1, 2, 5, 6, third=3, extra=7))
