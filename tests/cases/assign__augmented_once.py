calls = []


def idx(n):
    calls.append(n)
    return n


a = [10, 20, 30]
a[idx(1)] += 5
print(a, calls)
d = {"k": 1}
d[idx("k")] *= 7
print(d, calls)


class C:
    def __init__(self):
        self.v = 1


objs = [C()]


def get(i):
    calls.append(("get", i))
    return objs[i]


get(0).v += 41
print(objs[0].v, calls)
m = [[1, 2], [3, 4]]
m[idx(0)][idx(1)] **= 3
print(m, calls)
