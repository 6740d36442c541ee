def outer():
    def inner():
        return x
    result = inner()
    x = 1
    return result


print("calling outer")
outer()
