def attempt(x):
    try:
        result = 10 / x
    except ZeroDivisionError as e:
        print("  except:", e)
        return "error"
    except TypeError:
        print("  type error")
        raise
    else:
        print("  else:", result)
        return result
    finally:
        print("  finally for", x)


print(attempt(2))
print(attempt(0))
try:
    attempt("s")
except TypeError as e:
    print("outer caught:", e)
try:
    pass
finally:
    print("plain finally")
