def grade(score):
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    else:
        return "F"


print([grade(s) for s in (95, 85, 75, 10, 90, 80)])
x = []
if x:
    print("non-empty")
elif x is not None:
    print("empty list")
if 0:
    pass
else:
    print("else branch")
if None or 0 or "":
    print("never")
print("done")
