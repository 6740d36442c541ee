class Counter:
    total = 0
    shared = []

    def __init__(self):
        self.own = []
        Counter.total += 1


a = Counter()
b = Counter()
a.shared.append("from a")
a.own.append("mine")
print(b.shared, b.own, Counter.total)
a.total = 100
print(a.total, b.total, Counter.total)
del a.total
print(a.total)
Counter.total = 7
print(a.total, b.total)
b.new_attr = "dynamic"
print(b.new_attr, hasattr(a, "new_attr"))
print(getattr(a, "missing", "default"))
