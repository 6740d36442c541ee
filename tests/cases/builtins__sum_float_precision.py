values = [0.1] * 10
print(sum(values))
print(sum([1e100, 1.0, -1e100, 1.0]))
total = 0.0
for v in values:
    total += v
print(total, total == sum(values))
