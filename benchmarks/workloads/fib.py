# Recursive fib(20), N times (default once, ~22k calls each): the cost of a sandboxed call.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


checksum = 0
for _ in range(N):
    checksum += fib(20)
checksum
