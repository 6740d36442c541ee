# imports: collections
from collections import namedtuple, OrderedDict, ChainMap

Point = namedtuple("Point", ["x", "y"])
p = Point(3, 4)
print(p, p.x, p[1], p == (3, 4), tuple(p), len(p))
x, y = p
print(x + y, Point(y=1, x=2), Point(*[5, 6]))
Person = namedtuple("Person", "name age city", defaults=["unknown"])
print(Person("Ann", 30), Person("Bo", 5, "Rome").city)
try:
    p.x = 10
except AttributeError as e:
    print("AttributeError:", e)
od = OrderedDict()
od["b"] = 1
od["a"] = 2
od["c"] = 3
od.move_to_end("b")
print(list(od), od.popitem(last=False), list(od.items()))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), dict(od))
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], sorted(cm))
