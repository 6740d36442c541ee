# sum() over a filtered generator expression of N items (default 100k): C consuming a sandbox generator.
checksum = sum(x * x for x in range(N) if x % 3)
checksum
