class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        return self.on


print(len(Bag(1, 2, 3)), bool(Bag()), bool(Bag(0)))
print("yes" if Flag(True) else "no", "yes" if Flag(False) else "no")
print(not Bag(), len([x for x in (Bag(), Bag(1)) if x]))
e = Bag()
while not e:
    e.items.append("x")
print(len(e))


class BadLen:
    def __len__(self):
        return -1


try:
    len(BadLen())
except ValueError as err:
    print("ValueError:", err)
