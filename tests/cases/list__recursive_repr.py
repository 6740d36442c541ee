a = [1, 2]
a.append(a)
print(a, len(a), a[2] is a)
d = {"self": None}
d["self"] = d
print(d)
b = [a, [a]]
print(b)
t = ([],)
t[0].append(t)
print(t)
print(str(a) == repr(a), a == a)
