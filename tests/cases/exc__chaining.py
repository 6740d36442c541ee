def parse(s):
    try:
        return int(s)
    except ValueError:
        raise TypeError("not a number: " + s)


try:
    parse("abc")
except TypeError as e:
    print("caught", e)
try:
    try:
        1 / 0
    finally:
        print("finally runs before propagation")
except ZeroDivisionError as e:
    print("caught", e)
try:
    try:
        raise KeyError("first")
    except KeyError:
        raise ValueError("second")
except ValueError as e:
    print(repr(e))
parse("xyz")
