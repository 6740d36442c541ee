def source():
    print("source called")
    return [1, 2, 3]


g = (x * 2 for x in source())
print("generator created")
print(list(g))
try:
    g2 = (x for x in 5)
except TypeError as e:
    print("TypeError at creation:", e)
lazy = (1 / x for x in [1, 0])
print(next(lazy))
try:
    next(lazy)
except ZeroDivisionError as e:
    print("raised on second item:", e)
print(list(lazy))
