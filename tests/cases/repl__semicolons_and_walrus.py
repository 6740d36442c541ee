a = 1; b = 2; c = a + b
print(a, b, c)
if c > 2: print("big")
# a parenthesised walrus is an expression statement
(total := a + b + c)
