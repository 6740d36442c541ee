a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union([9])), sorted(a.intersection(b, {4})), sorted(a.difference(b)))
print(sorted(a.symmetric_difference(b)), a.isdisjoint({7}), {1, 2} <= a, {1, 2} < {1, 2})
print(a.issuperset({1}), {3}.issubset(b), a == {4, 3, 2, 1})
s = set()
s.add(1)
s.add(1)
s.update([2, 3], (4,))
s.discard(99)
s.remove(4)
print(sorted(s), len(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
popped = {7}.pop()
print(popped)
fs = frozenset([1, 2])
print(sorted(fs | {3}), type(fs | {3}).__name__, fs == {1, 2}, {fs: "ok"}[frozenset({2, 1})])
s -= {1}
s &= {2, 3, 5}
s |= {10}
print(sorted(s))
