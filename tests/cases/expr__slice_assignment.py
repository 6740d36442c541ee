a = list(range(8))
a[2:4] = ["x", "y", "z"]
print(a)
a[:2] = []
print(a)
a[::2] = [0] * len(a[::2])
print(a)
a[len(a):] = [99, 100]
print(a)
del a[1:3]
print(a)
del a[::2]
print(a)
b = [1, 2, 3]
b[1:1] = "ab"
print(b)
try:
    b[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
b[:] = (9,)
print(b)
