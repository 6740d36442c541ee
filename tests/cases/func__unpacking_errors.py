def f(**kw):
    return kw


attempts = [
    lambda: f(**{"a": 1}, **{"a": 2}),
    lambda: f(**{1: 2}),
    lambda: f(**[1]),
    lambda: print(*5),
    lambda: f(*None),
]
for attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
