values = [0, 0.0, 0j, "", b"", bytearray(), [], (), {}, set(), frozenset(), None, True,
          range(0), iter([]), iter(()), iter(""), map(str, []), zip(), enumerate([]),
          reversed([]), slice(1), type, object(), Ellipsis, NotImplemented, (x for x in [])]
print([type(v).__name__ for v in values])
print(type(3) is int, type(True) is bool, type(True) is int, type(None)())
