# imports: enum
from enum import IntEnum, Enum, auto


class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class Shape(Enum):
    CIRCLE = auto()
    SQUARE = auto()
    TRIANGLE = auto()


print(Priority.HIGH > Priority.LOW, Priority.MEDIUM == 2, Priority.LOW + 1)
print(sorted([Priority.HIGH, Priority.LOW, Priority.MEDIUM]))
print(int(Priority.HIGH), Priority(3).name, [p.value for p in Priority])
print([s.value for s in Shape], Shape.SQUARE)
print(max(Priority), min(Priority).name, Priority.HIGH.value * 10)
print(str(Priority.LOW), repr(Priority.LOW), f"{Priority.LOW}")
