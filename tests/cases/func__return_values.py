def nothing():
    pass


def early(x):
    if x < 0:
        return
    return x * 2


def multiple():
    return 1, "two", [3]


print(nothing(), early(-1), early(4))
a, b, c = multiple()
print(a, b, c, type(multiple()).__name__)


def find_first(pred, items):
    for item in items:
        if pred(item):
            return item
    return None


print(find_first(lambda v: v > 2, [1, 2, 3, 4]), find_first(str.isdigit, ["a", "b"]))


def generator_like():
    for i in range(3):
        if i == 1:
            return "stopped at 1"
    return "never"


generator_like()
