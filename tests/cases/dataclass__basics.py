# imports: dataclasses
from dataclasses import dataclass, field, asdict, astuple, fields, replace


@dataclass
class Item:
    name: str
    price: float
    qty: int = 1
    tags: list = field(default_factory=list)

    def total(self):
        return self.price * self.qty


a = Item("pen", 1.5)
b = Item("book", 12.0, 2, ["paper"])
print(a)
print(b, b.total())
print(a == Item("pen", 1.5), a == b)
a.tags.append("x")
print(Item("new", 0).tags, a.tags)
print(asdict(b), astuple(a))
print([f.name for f in fields(Item)])
print(replace(a, qty=5))
