def find(items, target):
    for i, item in enumerate(items):
        if item == target:
            print("found at", i)
            break
    else:
        print("not found")


find([1, 2, 3], 2)
find([1, 2, 3], 9)
find([], 1)
for i in range(3):
    continue
else:
    print("else after continue, i =", i)
for ch in "abc":
    pass
print(ch)
