calls = []


def trace(fn):
    def wrapper(*args, **kwargs):
        calls.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


@trace
def double(x):
    return 2 * x


@trace
def greet(name, punct="!"):
    return "hi " + name + punct


print(double(4), greet("bob"), greet("amy", punct="?"))
print(calls, double.__name__)


def register(registry):
    def deco(fn):
        registry[fn.__name__] = fn
        return fn
    return deco


handlers = {}


@register(handlers)
def on_start():
    return "started"


print(sorted(handlers), handlers["on_start"]())
