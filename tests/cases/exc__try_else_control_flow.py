def first_even(values):
    for v in values:
        try:
            if v % 2 == 0:
                return v
        except TypeError:
            print("skipping", repr(v))
        else:
            print("checked", v)
    return None


print(first_even([1, "x", 4, 5]))
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
    except Exception:
        pass
    else:
        print("else", i)
    finally:
        print("finally", i)
print("stopped at", i)
