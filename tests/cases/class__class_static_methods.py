class Temperature:
    unit = "C"
    created = 0

    def __init__(self, degrees):
        self.degrees = degrees
        Temperature.created += 1

    @classmethod
    def from_fahrenheit(cls, f):
        return cls(round((f - 32) * 5 / 9, 2))

    @staticmethod
    def is_freezing(degrees):
        return degrees <= 0

    def __repr__(self):
        return f"{type(self).__name__}({self.degrees}{self.unit})"


class Kelvin(Temperature):
    unit = "K"


print(Temperature.from_fahrenheit(212), Kelvin.from_fahrenheit(32))
print(Temperature.is_freezing(-1), Temperature(5).is_freezing(5))
print(Temperature.created, Kelvin.created)
