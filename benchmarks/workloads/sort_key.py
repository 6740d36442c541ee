# Sorting N tuples (default 50k) with a sandboxed key function: C's sort calling back into the sandbox.
rows = [((i * 7919) % 1000, i, "k" + str((i * 31) % 97)) for i in range(N)]
ordered = sorted(rows, key=lambda r: (r[2], -r[0]))
checksum = sum(r[1] * (j % 13) for j, r in enumerate(ordered[:1000])) + ordered[0][1] + ordered[-1][1]
checksum
