# imports: dataclasses
from dataclasses import dataclass, FrozenInstanceError


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0


vs = [Version(1, 2), Version(0, 9, 9), Version(1, 0, 5), Version(1, 2)]
print(sorted(vs))
print(Version(1) < Version(1, 0, 1), max(vs), len(set(vs)))
v = Version(2)
try:
    v.major = 3
except FrozenInstanceError as e:
    print(type(e).__name__, e)
print(hash(Version(1, 2)) == hash(Version(1, 2)), {Version(3): "three"}[Version(3)])
try:
    Version(1) < (1, 0, 0)
except TypeError as e:
    print("TypeError:", e)
