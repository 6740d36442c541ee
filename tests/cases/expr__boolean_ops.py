def t(label, value):
    print("eval", label)
    return value


print(t("a", 0) and t("b", 1))
print(t("a", 1) and t("b", 2))
print(t("a", 0) or t("b", "") or t("c", "x"))
print(not 0, not [], not [0], not None, not "a")
print([] or {} or (), 0 == False, "" == False)
print(all([]), any([]), bool(0.0), bool(-1), bool("False"))
x = 3
print(x > 1 and x < 5 or x == 10, not x > 1 and x)
