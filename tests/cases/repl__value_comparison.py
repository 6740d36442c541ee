a = [1, 2, 3]
b = list(range(1, 4))
print("comparing")
# a boolean value
a == b and a is not b
