for fn in (max, min):
    try:
        fn([])
    except ValueError as e:
        print(f"{fn.__name__}: {e}")
    print(fn([], default="fallback"))
max(x for x in [])
