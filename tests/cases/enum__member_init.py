# imports: enum
from enum import Enum


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 2)


print(Planet.EARTH.gravity, Planet.MERCURY.mass, Planet.EARTH.value)
print([p.name for p in Planet], Planet((5.976e24, 6.37814e6)).name)
