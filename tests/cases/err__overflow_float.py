value = 2.0
for step in range(20):
    value = value ** 2
    print(step, "ok" if value < float("inf") else "inf")
print("not reached")
