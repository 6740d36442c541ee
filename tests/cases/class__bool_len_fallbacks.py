class Empty:
    def __len__(self):
        return 0


class Plain:
    pass


class Weird:
    def __bool__(self):
        return 1


class Truthy:
    def __contains__(self, item):
        return "yes"


print(bool(Empty()), bool(Plain()), not Empty())
try:
    bool(Weird())
except TypeError as e:
    print("TypeError:", e)
print(3 in Truthy(), 3 not in Truthy())


class BadLen:
    def __len__(self):
        return "3"


try:
    len(BadLen())
except TypeError as e:
    print("TypeError:", e)
