print("start")
x = 1
y = x * 2
result = x + y + undefined_name
print(result)
