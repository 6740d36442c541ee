out = []
for i in range(10):
    if i % 2:
        continue
    if i > 6:
        break
    out.append(i)
print(out)
pairs = []
for a in range(4):
    for b in range(4):
        if b > a:
            break
        if a == b:
            continue
        pairs.append((a, b))
print(pairs)
n = 0
while True:
    n += 1
    if n < 5:
        continue
    break
print(n)
for x in []:
    print("never")
