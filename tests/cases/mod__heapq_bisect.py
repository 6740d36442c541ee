# imports: heapq, bisect
import heapq
import bisect

h = []
for v in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, v)
print(h[0], [heapq.heappop(h) for _ in range(3)], sorted(h))
data = [7, 2, 9, 4, 1]
heapq.heapify(data)
print(data[0], heapq.nlargest(2, data), heapq.nsmallest(3, data))
print(heapq.nlargest(2, ["bb", "a", "ccc"], key=len), list(heapq.merge([1, 4, 7], [2, 3, 8])))
print(heapq.heappushpop([3, 5], 1), heapq.heapreplace([1, 5], 3))
tasks = []
heapq.heappush(tasks, (2, "write"))
heapq.heappush(tasks, (1, "plan"))
heapq.heappush(tasks, (3, "ship"))
print([heapq.heappop(tasks)[1] for _ in range(len(tasks))])
grades = [60, 70, 80, 90]
print([("FDCBA")[bisect.bisect(grades, s)] for s in [55, 60, 75, 95]])
xs = [1, 3, 3, 5]
print(bisect.bisect_left(xs, 3), bisect.bisect_right(xs, 3), bisect.bisect_left(xs, 4))
bisect.insort(xs, 4)
bisect.insort_left(xs, 0)
print(xs)
