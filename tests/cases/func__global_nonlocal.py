total = 0

def add(n):
    global total
    total += n

add(5)
add(7)
print(total)

def define_global():
    global created
    created = "made inside"

define_global()
print(created)

def outer():
    a = 1

    def middle():
        nonlocal a
        a += 10

        def inner():
            nonlocal a
            a *= 2
        inner()

    middle()
    return a

print(outer())
x = "global x"
print((lambda: x)(), x)
