class Account:
    def __init__(self):
        self.store = {"balance": 10}

    @property
    def balance(self):
        return self.store.get("balance", 0)

    @balance.setter
    def balance(self, value):
        print("setting", value)
        self.store["balance"] = value

    @balance.deleter
    def balance(self):
        print("deleting")
        self.store.pop("balance", None)


a = Account()
a.balance += 5
print(a.balance)
a.balance *= 2
del a.balance
print(a.balance, a.store)
