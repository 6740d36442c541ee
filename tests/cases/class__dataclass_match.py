# imports: dataclasses
from dataclasses import dataclass


@dataclass
class Move:
    dx: int
    dy: int = 0


@dataclass
class Say:
    text: str


def run(cmd):
    match cmd:
        case Move(0, 0):
            return "stay"
        case Move(dx, 0):
            return f"horizontal {dx}"
        case Move(dx=0, dy=dy):
            return f"vertical {dy}"
        case Move():
            return "diagonal"
        case Say(text=t) if t.endswith("?"):
            return "question: " + t
        case Say(t):
            return "says " + t


for c in [Move(0, 0), Move(3), Move(0, -2), Move(1, 1), Say("hi?"), Say("bye")]:
    print(run(c))
