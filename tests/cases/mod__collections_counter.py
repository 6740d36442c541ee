# imports: collections
from collections import Counter

words = "a b c a b a d".split()
c = Counter(words)
print(c, c["a"], c["zzz"], c.most_common(2), c.total())
c.update(["d", "d", "e"])
c["b"] -= 5
print(sorted(c.items()), sorted(c.elements()))
print(Counter("mississippi").most_common())
x = Counter(a=3, b=1)
y = Counter(a=1, b=2)
print(x + y, x - y, x & y, x | y)
print(+Counter(a=1, b=-2), list(Counter("aab")), Counter([1, 1, 2]) == Counter({1: 2, 2: 1}))
del c["e"]
print(len(c), "e" in c)
