attempts = [
    lambda: sum(),
    lambda: sum([1], 2, 3),
    lambda: sorted(),
    lambda: sorted([2, 1], len),
    lambda: getattr(1),
    lambda: setattr(1),
    lambda: hasattr(1),
    lambda: pow(1),
    lambda: format(1, 2),
    lambda: len(),
    lambda: abs(1, 2),
]
for attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
