class A:
    def who(self):
        return ["A"]


class B(A):
    def who(self):
        return ["B"] + super().who()


class C(A):
    def who(self):
        return ["C"] + super().who()


class D(B, C):
    def who(self):
        return ["D"] + super().who()


print(D().who())
print(isinstance(D(), C), issubclass(D, (B, C)), D.who is B.who)


class Mixin:
    def describe(self):
        return f"I am {self.label()}"


class Described(Mixin, C):
    def label(self):
        return "described"


print(Described().describe(), Described().who(), isinstance(Described(), Mixin))
try:
    class Bad(A, D):
        pass
except TypeError as e:
    print("TypeError:", e)
