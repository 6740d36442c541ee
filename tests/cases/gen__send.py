def running_average():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


avg = running_average()
print(next(avg))
print(avg.send(10), avg.send(20), avg.send(60))


def echo():
    received = []
    try:
        while True:
            received.append((yield len(received)))
    finally:
        print("received", received)


e = echo()
print(e.send(None), e.send("a"), e.send("b"))
e.close()
try:
    running_average().send(5)
except TypeError as err:
    print("TypeError:", err)
