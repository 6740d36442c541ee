n = 10
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
else:
    print("reached 1 in", steps, "steps")
i = 0
while i < 10:
    i += 1
    if i == 4:
        break
else:
    print("not printed")
print(i)
while False:
    pass
else:
    print("empty while else")
