items = ["a", "b", "c"]
print(items[-1], items[-3])
for i in range(5):
    print(i, items[i])
print("not reached")
