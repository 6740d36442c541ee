names = ["ann", "ben", "cy"]
ages = [30, 25, 41, 99]
print(list(enumerate(names)), list(enumerate(names, start=1)))
print(list(zip(names, ages)), list(zip()), list(zip("ab", range(5), [True] * 3)))
print(dict(zip(names, ages)))
for i, (n, a) in enumerate(zip(names, ages)):
    print(i, n, a)
pairs = [(1, "a"), (2, "b")]
nums, letters = zip(*pairs)
print(nums, letters)
print(list(zip(names, ages[:3], strict=True)))
try:
    list(zip(names, ages, strict=True))
except ValueError as e:
    print("ValueError:", e)
try:
    list(zip(ages, names, strict=True))
except ValueError as e:
    print("ValueError:", e)
