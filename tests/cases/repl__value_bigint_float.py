n = 3 ** 80
f = n / 7
print(type(n).__name__, type(f).__name__)
# a tuple of big int and float results
n, f, n % 1000, round(f, -30)
