a = b = c = 0
a += 1
print(a, b, c)
x = y = [1]
x.append(2)
print(y)
order = []


class Rec:
    def __setitem__(self, k, v):
        order.append((k, v))


r = Rec()
r[1] = r[2] = "v"
print(order)
p, q = r2 = (5, 6)
print(p, q, r2)
