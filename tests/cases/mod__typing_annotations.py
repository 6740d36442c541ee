# imports: typing
from typing import Any, Callable, Dict, List, Optional, Tuple, Union, TypeVar, Iterable

T = TypeVar("T")


def first(items: List[T], default: Optional[T] = None) -> Optional[T]:
    return items[0] if items else default


def apply(fn: Callable[[int], int], values: Iterable[int]) -> List[int]:
    return [fn(v) for v in values]


def describe(x: Union[int, str], meta: Dict[str, Any] | None = None) -> Tuple[str, int]:
    return str(x), len(meta or {})


counts: Dict[str, int] = {}
counts["a"] = 1
print(first([3, 4]), first([], "none"), apply(lambda v: v * v, range(4)), describe(5, {"k": 1}))
print(counts, isinstance([], list))
