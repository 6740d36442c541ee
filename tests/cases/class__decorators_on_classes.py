registry = {}


def register(cls):
    registry[cls.__name__] = cls
    return cls


def with_greeting(greeting):
    def deco(cls):
        cls.greet = lambda self: f"{greeting}, I am {type(self).__name__}"
        return cls
    return deco


@register
@with_greeting("Hello")
class Robot:
    pass


@register
class Android(Robot):
    pass


print(sorted(registry), Robot().greet(), Android().greet())
print(registry["Android"] is Android, issubclass(registry["Android"], Robot))
