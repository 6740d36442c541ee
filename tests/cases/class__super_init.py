class Base:
    def __init__(self, x):
        self.x = x
        print("Base init", x)


class Child(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
        print("Child init", y)


class GrandChild(Child):
    def __init__(self):
        super().__init__(1, 2)
        self.z = 3

    def total(self):
        return self.x + self.y + self.z


g = GrandChild()
print(g.total(), g.x, g.y, g.z)


class Explicit(Base):
    def __init__(self):
        Base.__init__(self, "explicit")


print(Explicit().x)
