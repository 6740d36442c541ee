class Celsius:
    def __init__(self, degrees):
        self.degrees = degrees

    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.degrees * 9 / 5 + 32, spec[:-1] or ".1f") + "°F"
        return format(self.degrees, spec or ".1f") + "°C"

    def __str__(self):
        return "Celsius object"


t = Celsius(21.5)
print(f"{t}")
print(f"{t:.3f}")
print(f"{t:F}")
print(f"{t:.0F}")
print(format(t, "08.2f"))
print("{:F} / {}".format(t, t))
print(str(t))
