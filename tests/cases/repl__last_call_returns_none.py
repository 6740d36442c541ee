items = []
items.append(1)
items.append(2)
print(items)
items.clear()
