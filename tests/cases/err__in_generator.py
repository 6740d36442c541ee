def parse(lines):
    for line in lines:
        yield float(line)


total = 0.0
for value in parse(["1.5", "2.5", "three"]):
    total += value
    print("running total", total)
