square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2))
print((lambda *a, **k: (a, k))(1, 2, z=3))
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]))
print(list(map(lambda x: x + 1, [1, 2])), list(filter(lambda x: x % 2, range(6))))
compose = lambda f, g: lambda x: f(g(x))
print(compose(square, add)(2))
print(square.__name__, (lambda: 0).__name__)
print(type(square).__name__, callable(add))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10))
