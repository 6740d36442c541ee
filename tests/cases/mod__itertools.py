# imports: itertools
import itertools as it

print(list(it.chain([1, 2], "ab", range(2))), list(it.chain.from_iterable([[1], [2, 3]])))
print(list(it.product("ab", [0, 1])), len(list(it.product(range(3), repeat=3))))
print(list(it.permutations("abc", 2)), list(it.combinations(range(4), 3)))
print(list(it.combinations_with_replacement("ab", 2)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([3, 1, 4, 1], max)))
print([(k, len(list(g))) for k, g in it.groupby("aaabccdaa")])
names = sorted(["bob", "al", "ann", "bo"], key=len)
print([(k, [w for w in g]) for k, g in it.groupby(names, key=len)])
print(list(it.islice(it.count(10, 5), 4)), list(it.islice(it.cycle("xy"), 5)))
print(list(it.repeat("z", 3)), list(it.zip_longest("abc", [1], fillvalue="-")))
print(list(it.pairwise([1, 2, 3, 4])), list(it.starmap(pow, [(2, 3), (3, 2)])))
small = lambda x: x < 3
print(list(it.takewhile(small, [1, 2, 5, 1])), list(it.dropwhile(small, [1, 2, 5, 1])))
print(list(it.compress("abcdef", [1, 0, 1, 0, 1])), list(it.filterfalse(str.isdigit, "a1b2")))
a, b = it.tee([1, 2, 3])
print(list(a), list(b))
