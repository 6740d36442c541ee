def level3():
    raise KeyError("deep")


def level2():
    try:
        level3()
    except IndexError:
        print("not this one")


def level1():
    try:
        level2()
    except (KeyError, ValueError) as e:
        print("level1 caught", type(e).__name__, e)
        return "recovered"
    finally:
        print("level1 finally")


print(level1())
for exc in (ValueError("v"), TypeError("t"), ArithmeticError("a"), ZeroDivisionError("z")):
    try:
        raise exc
    except ArithmeticError as e:
        print("arith", repr(e))
    except (ValueError, TypeError) as e:
        print("val/type", repr(e))
