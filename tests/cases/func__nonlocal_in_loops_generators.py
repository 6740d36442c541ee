def make_accumulators():
    total = 0
    history = []

    def add(v):
        nonlocal total
        total += v
        history.append(total)
        return total

    def stream():
        nonlocal total
        while total < 10:
            total += 3
            yield total

    return add, stream, history


add, stream, history = make_accumulators()
print(add(2), add(4))
print(list(stream()), add(0), history)


def counter_factory():
    count = 0

    def step():
        nonlocal count
        count += 1
        return count
    return step


steps = [counter_factory() for _ in range(2)]
print([steps[0]() for _ in range(3)], steps[1]())
