# imports: enum
from enum import Enum, Flag, auto, unique


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXEC = auto()


rw = Perm.READ | Perm.WRITE
print(rw, Perm.READ in rw, Perm.EXEC in rw, bool(rw & Perm.EXEC), Perm.WRITE.value)
print([p.name for p in Perm], rw == Perm(3))


@unique
class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    @property
    def gravity(self):
        mass, radius = self.value
        return round(6.673e-11 * mass / (radius * radius), 2)


print(Planet.EARTH.gravity, Planet.MERCURY.value[0], Planet((5.976e24, 6.37814e6)).name)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)
