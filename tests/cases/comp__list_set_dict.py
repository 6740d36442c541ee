nums = [5, 3, 8, 1, 9, 2]
print([n * 2 for n in nums])
print([n for n in nums if n % 2])
print(sorted({n % 3 for n in nums}))
print({n: n * n for n in nums if n > 4})
print({k: v for k, v in zip("abc", range(3))})
print([(i, c) for i, c in enumerate("xyz") if i != 1])
print(["even" if n % 2 == 0 else "odd" for n in nums[:3]])
words = ["apple", "Bob", "cat", "Dog"]
print({w.lower(): len(w) for w in words})
print([w for w in words if w[0].isupper()])
print({len(w) for w in words} == {3, 5})
print(dict.fromkeys("aab", 0), [[]] * 2, [[] for _ in range(2)])
