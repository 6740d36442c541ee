# imports: dataclasses
from dataclasses import dataclass, field

try:
    @dataclass
    class Bad:
        items: list = []
except ValueError as e:
    print("ValueError:", e)
try:
    @dataclass
    class Order:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)


@dataclass(eq=False)
class Ident:
    n: int


print(Ident(1) == Ident(1))


@dataclass
class Counter:
    counts: dict = field(default_factory=dict)
    step: int = field(default=1, compare=False)


print(Counter(step=5) == Counter(step=7), Counter())
