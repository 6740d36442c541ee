class Obj:
    pass


o = Obj()
d = {}
lst = [0, 0, 0]
o.a, d["k"], lst[1] = "attr", "item", "index"
print(o.a, d, lst)
(o.b, (d["x"], lst[0])), lst[2] = ("B", ("X", 10)), 20
print(o.b, d, lst)
matrix = [[0] * 3 for _ in range(2)]
matrix[1][2] = 5
matrix[0][0], matrix[1][0] = 7, 8
print(matrix)
pairs = [[1, 2], [3, 4]]
for i, (pairs[i][0], pairs[i][1]) in enumerate([("a", "b"), ("c", "d")]):
    pass
print(pairs)
i = 0
lst2 = [10, 20, 30]
i, lst2[i] = 2, 99
print(i, lst2)
