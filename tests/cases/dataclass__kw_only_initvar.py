# imports: dataclasses
from dataclasses import dataclass, fields, InitVar, KW_ONLY


@dataclass
class Job:
    name: str
    _: KW_ONLY
    retries: int = 0
    scale: InitVar[int] = 1

    def __post_init__(self, scale):
        self.retries *= scale


@dataclass(kw_only=True)
class Opts:
    verbose: bool = False
    level: int


print(Job("a", retries=2, scale=3), Opts(level=1))
print([f.type for f in fields(Job)], [f.kw_only for f in fields(Job)])
try:
    Job("b", 1)
except TypeError as e:
    print("TypeError:", e)
