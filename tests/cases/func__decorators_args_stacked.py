def repeat(times):
    def deco(fn):
        return lambda *args: [fn(*args) for _ in range(times)]
    return deco

def bold(fn):
    return lambda *a: "<b>" + fn(*a) + "</b>"

def italic(fn):
    return lambda *a: "<i>" + fn(*a) + "</i>"

@repeat(3)
def ping(x):
    return f"ping {x}"

@bold
@italic
def text(s):
    return s

print(ping(1))
print(text("hey"))
order = []

def tag(label):
    order.append(("make", label))

    def deco(fn):
        order.append(("apply", label))
        return fn
    return deco

@tag("outer")
@tag("inner")
def f():
    return "f"

print(order)
