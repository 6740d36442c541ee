class Account:
    def deposit(self, amount):
        return amount

    @staticmethod
    def rate(kind):
        return kind

    @classmethod
    def open(cls, owner, *, currency):
        return owner, currency


acct = Account()
for attempt in (lambda: acct.deposit(), lambda: acct.deposit(1, 2),
                lambda: Account.rate(), lambda: Account.open("x"),
                lambda: acct.deposit(amount=1, extra=2), lambda: Account.deposit(5)):
    try:
        attempt()
    except TypeError as e:
        print(e)
print(acct.deposit(5), Account.rate("fixed"), Account.open("me", currency="EUR"))
