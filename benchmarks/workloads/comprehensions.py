# List, dict and set comprehensions over N items (default 50k): nested scopes and per-item calls.
squares = [i * i for i in range(N)]
evens = {i: s for i, s in enumerate(squares) if s % 2 == 0}
residues = {s % 1009 for s in squares}
labels = [str(i) for i in evens if i % 10 == 0]
checksum = len(squares) + sum(evens) % 1000003 + len(residues) + len(labels)
checksum
