matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([v for row in matrix for v in row])
print([[row[i] for row in matrix] for i in range(3)])
print([(a, b) for a in range(3) for b in range(3) if a < b])
print([v for row in matrix if sum(row) > 6 for v in row if v % 2])
print({(r, c): matrix[r][c] for r in range(2) for c in range(2)})
print([[c * r for c in range(1, 4)] for r in range(1, 4)])
print(sum(x * y for x, y in zip(matrix[0], matrix[1])))
words = ["hi", "yo"]
print([ch.upper() for w in words for ch in w])
