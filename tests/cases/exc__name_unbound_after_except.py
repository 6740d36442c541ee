try:
    1 / 0
except ZeroDivisionError as err:
    message = str(err)
print(message)
try:
    print(err)
except NameError as e:
    print("NameError:", e)
e = "kept?"
try:
    raise ValueError("x")
except ValueError as e:
    pass
try:
    e
except NameError as problem:
    print("NameError:", problem)
