rows = ["a=1", "b=2", "c"]
for row in rows:
    key, value = row.split("=")
    print(key, value)
print("not reached")
