items = [3, 1, 4]
items.append(1)
items.extend([5, 9])
items.insert(0, 2)
items.insert(100, "end")
items.insert(-1, "before end")
print(items)
items.remove(1)
print(items, items.index(4), items.count(1), items.index(1, 3))
print(items.pop(), items.pop(0), items)
items.reverse()
print(items)
nums = [n for n in items if isinstance(n, int)]
nums.sort()
print(nums, sorted(nums, reverse=True))
copy = nums.copy()
copy.append(0)
print(nums, copy, nums == copy[:-1])
nums.clear()
print(nums, len(copy))
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
