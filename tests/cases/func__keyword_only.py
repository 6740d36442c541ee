def connect(host, *, port=80, timeout):
    return f"{host}:{port} t={timeout}"


print(connect("a", timeout=1))
print(connect("b", port=8080, timeout=2.5))
try:
    connect("c", 8080, 3)
except TypeError as e:
    print(e)
try:
    connect("d")
except TypeError as e:
    print(e)


def many(*, a, b, c):
    return a + b + c


try:
    many(a=1)
except TypeError as e:
    print(e)
print(many(c=3, b=2, a=1))
