# N method calls (default 50k) on a small class: attribute reads and writes on instances.
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

    def deposit(self, amount):
        self.balance = self.balance + amount
        return self.balance


account = Account("ada")
for i in range(N):
    account.deposit(i & 7)
checksum = account.balance
checksum
