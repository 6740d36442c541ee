print(1 == 1.0, 1 == "1", [1] == [1.0], (1, 2) == [1, 2])
print(None == 0, None is None, 0.0 == -0.0, float("nan") == float("nan"))
print({1: "a"} == {1.0: "a"}, {1, 2} == frozenset({2, 1}))
print("abc" != "abd", [1, [2]] == [1, [2]])
for op in ("<", ">"):
    try:
        print(1 < "a" if op == "<" else [1] > (1,))
    except TypeError as e:
        print(e)
try:
    print(None < 1)
except TypeError as e:
    print(e)
print(max([3, 1.5, True]), min("b", "A", "a"))
print(sorted([3, 1.5, 2, True]))
