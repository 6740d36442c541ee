# Sieve of Eratosthenes up to N (default 100k) written with `while` loops and index stores.
flags = [True] * (N + 1)
flags[0] = flags[1] = False
i = 2
while i * i <= N:
    if flags[i]:
        j = i * i
        while j <= N:
            flags[j] = False
            j += i
    i += 1
count = 0
total = 0
k = 0
while k <= N:
    if flags[k]:
        count += 1
        total += k
    k += 1
checksum = count * 1000003 + total
checksum
