def ratio(a, b):
    return a / b


values = [(6, 3), (5, 2), (1, 0), (9, 9)]
for a, b in values:
    print(f"{a}/{b} =", ratio(a, b))
print("not reached")
