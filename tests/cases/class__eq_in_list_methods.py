class Key:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        print("comparing with", type(other).__name__)
        return isinstance(other, Key) and self.name == other.name


keys = [Key("a"), Key("b"), Key("a")]
print(keys.count(Key("a")))
print(keys.index(Key("b")))
print(Key("b") in keys, (Key("a"),).index(Key("a")))
keys.remove(Key("b"))
print(len(keys))
