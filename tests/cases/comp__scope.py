x = "outer x"
squares = [x * x for x in range(4)]
print(x, squares)
i = "kept"
evens = {i for i in range(6) if i % 2 == 0}
print(i, sorted(evens))
try:
    [leak for leak in range(3)]
    print(leak)
except NameError as e:
    print("NameError:", e)
factor = 3
print([n * factor for n in range(3)])


def f():
    base = 10
    return [base + j for j in range(3)]


print(f())

print([[y for y in range(k)] for k in range(3)])
