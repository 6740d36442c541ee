grid = [[r * 3 + c for c in range(3)] for r in range(3)]
for row in grid:
    print(" ".join(f"{v:2d}" for v in row))
total = 0
for row in grid:
    for v in row:
        total += v
print(total)
found = None
for r, row in enumerate(grid):
    for c, v in enumerate(row):
        if v == 5:
            found = (r, c)
            break
    if found:
        break
print(found)
count = 0
i = 0
while i < 3:
    j = 0
    while j < i:
        count += 1
        j += 1
    i += 1
print(count)
