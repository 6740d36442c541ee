cache = {(1, 2): "a"}
print(cache[(1, 2)])
print(cache.get((3, 4)))
print("looking up (3, 4)")
cache[(3, 4)]
