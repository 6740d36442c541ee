# imports: enum
from enum import Enum


class Cmd(Enum):
    START = "start"
    STOP = "stop"
    PAUSE = "pause"


def handle(cmd):
    match cmd:
        case Cmd.START:
            return "starting"
        case Cmd.STOP | Cmd.PAUSE:
            return f"halting ({cmd.value})"
        case _:
            return "unknown"


for c in Cmd:
    print(c.name, handle(c))
print(handle("start"), handle(Cmd("pause")))


class Status(Enum):
    OK = 0
    FAIL = 1

    def describe(self):
        return f"{self.name.lower()}={self.value}"

    @property
    def good(self):
        return self is Status.OK


print([s.describe() for s in Status], Status.OK.good, Status.FAIL.good)
