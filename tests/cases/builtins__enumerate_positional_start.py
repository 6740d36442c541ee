letters = ["a", "b", "c"]
print(list(enumerate(letters, 1)))
print(list(enumerate(letters, -2)))
for n, ch in enumerate("xy", 10):
    print(n, ch)
print(dict(enumerate(letters, 100)))
