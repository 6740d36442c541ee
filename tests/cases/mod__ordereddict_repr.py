# imports: collections
from collections import OrderedDict

od = OrderedDict([("b", 1), ("a", 2)])
print(od)
od.move_to_end("b")
print(repr(od), OrderedDict())
print(od == OrderedDict(a=2, b=1), dict(od) == {"b": 1, "a": 2})
