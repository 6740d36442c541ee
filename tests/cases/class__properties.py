class Circle:
    def __init__(self, radius):
        self.radius = radius

    @property
    def radius(self):
        return self.stored_radius

    @radius.setter
    def radius(self, value):
        if value < 0:
            raise ValueError("radius must be non-negative")
        self.stored_radius = value

    @property
    def area(self):
        return round(3.14159 * self.radius ** 2, 3)


c = Circle(2)
print(c.radius, c.area)
c.radius = 3
print(c.radius, c.area)
try:
    c.radius = -1
except ValueError as e:
    print("ValueError:", e)
try:
    c.area = 10
except AttributeError as e:
    print("AttributeError:", e)
print(c.radius)
