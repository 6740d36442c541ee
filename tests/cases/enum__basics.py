# imports: enum
from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


print(Color.RED, repr(Color.GREEN), Color.BLUE.name, Color.BLUE.value)
print(Color(2), Color["RED"], Color.RED is Color(1), Color.RED == 1)
print(list(Color), len(Color), [c.name for c in Color])
print(Color.RED in Color, isinstance(Color.RED, Color), type(Color.RED).__name__)
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError:", e)
try:
    Color.RED.value = 5
except AttributeError as e:
    print("AttributeError:", e)
print({Color.RED: "stop"}[Color.RED], sorted(Color, key=lambda c: -c.value))
