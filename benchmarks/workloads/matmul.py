# Nested-loop matrix product: an N x 40 matrix (default N = 40) times a 40 x 40 one.
n = 40
A = [[(i * n + j) % 17 for j in range(n)] for i in range(N)]
B = [[(i + 2 * j) % 13 for j in range(n)] for i in range(n)]
C = []
for i in range(N):
    Ai = A[i]
    row = []
    for j in range(n):
        s = 0
        for k in range(n):
            s += Ai[k] * B[k][j]
        row.append(s)
    C.append(row)
checksum = sum(sum(r) for r in C)
checksum
