class User:
    def __init__(self, name, tags):
        self.name = name
        self.tags = tags


u = User("ann", ["x", "y"])
print("{0.name} has {0.tags[1]}".format(u))
print("{.name} / {[1]}".format(u, [10, 20]))
print("{u.name!r:>7}|{d[k]}".format(u=u, d={"k": "v"}))
print("{} {.tags}".format("first", u))
