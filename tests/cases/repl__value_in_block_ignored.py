x = 5
if x > 3:
    x * 100
else:
    x
def f():
    return 1
