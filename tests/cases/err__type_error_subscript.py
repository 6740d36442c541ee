def first(x):
    return x[0]


print(first([9, 8]))
print(first("str"))
print(first(42))
