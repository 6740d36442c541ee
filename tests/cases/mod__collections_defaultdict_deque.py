# imports: collections
from collections import defaultdict, deque

graph = defaultdict(list)
for a, b in [(1, 2), (1, 3), (2, 3), (3, 1)]:
    graph[a].append(b)
print(dict(graph), graph[9], len(graph))
counts = defaultdict(int)
for ch in "hello":
    counts[ch] += 1
print(sorted(counts.items()), counts.default_factory is int)
tree = defaultdict(lambda: defaultdict(set))
tree["x"]["y"].add(1)
print(dict(tree["x"]))
dq = deque([1, 2, 3])
dq.appendleft(0)
dq.append(4)
print(dq, dq.popleft(), dq.pop(), dq)
dq.rotate(1)
print(dq, list(dq))
dq.rotate(-2)
dq.extendleft([8, 9])
print(dq, dq[0], dq[-1], len(dq))
window = deque(maxlen=3)
for i in range(6):
    window.append(i)
print(window, sum(window), window.maxlen)
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
