# the value of the final expression statement is the result
x = 6
y = 7
print("computing")
x * y
