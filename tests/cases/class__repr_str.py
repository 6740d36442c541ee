class Money:
    def __init__(self, amount, currency):
        self.amount = amount
        self.currency = currency

    def __repr__(self):
        return f"Money({self.amount!r}, {self.currency!r})"

    def __str__(self):
        return f"{self.amount:.2f} {self.currency}"


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"


m = Money(3.5, "EUR")
print(m)
print(repr(m), str(m))
print([m, Money(1, "USD")])
print({"price": m})
print(f"{m} / {m!r}")
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
print("%s and %r" % (m, m))
print(str(m) == format(m))
