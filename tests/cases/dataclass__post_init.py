# imports: dataclasses
from dataclasses import dataclass, field

@dataclass
class Rectangle:
    width: float
    height: float
    area: float = field(init=False)
    label: str = field(default="rect", repr=False)

    def __post_init__(self):
        self.finish()

    def finish(self):
        if self.width < 0 or self.height < 0:
            raise ValueError("negative size")
        self.area = self.width * self.height

r = Rectangle(3, 4)
print(r, r.area, r.label)
try:
    Rectangle(-1, 2)
except ValueError as e:
    print("ValueError:", e)
try:
    Rectangle(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)

@dataclass
class Square(Rectangle):
    def finish(self):
        super().finish()
        self.label = "square"

s = Square(2, 2)
print(s, s.label, isinstance(s, Rectangle))
