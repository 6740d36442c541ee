data = {"a": 1}
data["a"]
for k in data:
    print(k)
# the last statement is a loop, so there is no value
