log = []


def val(v):
    log.append(v)
    return v


result = [val(a) + val(b) for a in (1, 2) for b in (10, 20)]
print(result, log)
data = [1, 4, 9, 16]
roots = [r for x in data if (r := int(x ** 0.5)) % 2 == 0]
print(roots, r)
print({k: [v for v in range(k)] for k in range(3)})
total = 0
sums = [total := total + v for v in range(5)]
print(sums, total)
