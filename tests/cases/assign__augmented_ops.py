x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x /= 4; print(x)
x //= 2; print(x)
x **= 3; print(x)
y = 17
y %= 5; print(y)
y <<= 3; print(y)
y >>= 1; print(y)
y |= 1; print(y)
y &= 6; print(y)
y ^= 15; print(y)
s = "ab"
s += "cd"
s *= 2
print(s)
lst = [1]
alias = lst
lst += [2, 3]
print(alias, alias is lst)
t = (1,)
alias_t = t
t += (2,)
print(alias_t, t)
