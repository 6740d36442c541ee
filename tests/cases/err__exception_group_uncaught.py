errors = []
for v in ["1", "x", "3", "y"]:
    try:
        int(v)
    except ValueError as e:
        errors.append(e)
print(len(errors), "errors")
raise ExceptionGroup("invalid input", errors)
