def f(a, b, c=3, *args, d=4, **kwargs):
    return (a, b, c, args, d, sorted(kwargs.items()))


args = [1, 2]
kw = {"d": 40, "e": 50}
print(f(*args))
print(f(*args, 30, 31, 32, **kw))
print(f(*[1], *[2, 3], **{"x": 1}, **{"y": 2}))
print(f(1, *(2,), c=9, **{"d": 7}))
print(f(**{"a": 10, "b": 20}))
print(max(*[3, 9, 2]), min(*"zebra"))
print("{}-{}".format(*"ab"), "{x}/{y}".format(**{"x": 1, "y": 2}))
try:
    f(*args, **{"a": 1})
except TypeError as e:
    print(e)
