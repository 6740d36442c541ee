raw = ["10", "20", "x", "40"]
numbers = []
for r in raw:
    numbers.append(int(r))
    print("parsed", r)
print(sum(numbers))
