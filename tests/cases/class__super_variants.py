class Base:
    @classmethod
    def create(cls):
        return f"created {cls.__name__}"

    def hello(self):
        return "base hello"

    @property
    def kind(self):
        return "base"


class Child(Base):
    @classmethod
    def create(cls):
        return super().create() + " via Child"

    def hello(self):
        helpers = [lambda: super(Child, self).hello()]
        return "child+" + helpers[0]()

    @property
    def kind(self):
        return "child of " + super().kind


print(Child.create(), Child().hello(), Child().kind)
print(super(Child, Child()).hello())
