def f(a, b, c=3):
    return a + b + c


attempts = [
    lambda: f(1),
    lambda: f(),
    lambda: f(1, 2, 3, 4),
    lambda: f(1, 2, d=4),
    lambda: f(1, 2, a=1),
    lambda: f(1, b=2, c=3, e=5),
]
for attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print(e)


def no_args():
    return 0


try:
    no_args(1)
except TypeError as e:
    print(e)
