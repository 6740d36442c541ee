values = [1, 2, 3]
values
# an assignment last: no value
total = sum(values)
print(total)
total = total * 2
