"""The benchmark workloads: plain Python snippets beside this file, and what each one needs.

Each snippet reads the size `N` from its initial names (every runner injects it), may call the host
tool `search`, and ends with the expression statement `checksum`, so every runner can be checked to
compute the same number as native CPython. Work grows linearly with N (sorting: N log N), which is
what the scaling measurement relies on.

Trap: snippets must run unchanged on every peer, so they avoid what one peer cannot parse at all
(no walrus, no match, no `global`); where a peer rejects ordinary code (RestrictedPython's write
guard on instance attributes), the comparison reports it as a failure rather than bending the code.
"""
from __future__ import annotations

import functools
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Workload:
    name: str                          # file stem in this directory
    n: int                             # default size
    imports: tuple[str, ...] = ()      # modules the snippet imports (allowed for every runner)
    uses_tool: bool = False            # calls the host tool `search`
    inline: str | None = None          # source given directly instead of a file (fixed-cost probes)

    @property
    def path(self) -> Path:
        return HERE / f"{self.name}.py"

    @functools.cached_property
    def source(self) -> str:
        return self.inline if self.inline is not None else self.path.read_text()

    @property
    def summary(self) -> str:
        """The first comment line of the snippet: what it measures."""
        first = self.source.splitlines()[0]
        return first.lstrip("# ").strip()


WORKLOADS: tuple[Workload, ...] = (
    Workload("loop_sum", 200_000),
    Workload("fib", 1),
    Workload("comprehensions", 50_000),
    Workload("strings", 20_000),
    Workload("sort_key", 50_000),
    Workload("method_calls", 50_000),
    Workload("json_re_math", 5_000, imports=("json", "math", "re")),
    Workload("try_except", 30_000),
    Workload("agent_step", 200, imports=("json",), uses_tool=True),
    Workload("genexpr_sum", 100_000),
    Workload("matmul", 40),
    Workload("sieve", 100_000),
)

BY_NAME = {w.name: w for w in WORKLOADS}

# The smallest useful snippet: what one call costs when there is no work to do.
FIXED_COST = Workload("fixed_cost", 1, inline="x = 1\n")

_VOCAB = ("sandbox", "python", "wasm", "fuel", "limit", "agent", "tool", "guard", "closure", "frame",
          "meter", "epoch", "policy", "escape", "module", "proxy")


@functools.lru_cache(maxsize=64)
def _page(query: str, limit: int) -> str:
    results = []
    for i in range(limit):
        h = zlib.crc32(f"{query}/{i}".encode())
        results.append({
            "title": f"{query.title()} result {i}",
            "url": f"https://example.org/{h:08x}",
            "snippet": " ".join(_VOCAB[(h >> shift) % len(_VOCAB)] for shift in range(0, 24, 3)),
            "score": (h % 1000) / 1000,
        })
    return json.dumps({"query": query, "results": results})


def search(query: str, limit: int = 10) -> str:
    """Search a fixed corpus and return the hits as a JSON document.

    Args:
        query: what to search for.
        limit: how many results to return.
    """
    # Deterministic and cached, like a page already fetched: the benchmark measures the sandbox,
    # not the tool. Returns a str (JSON) so that the wasm backend's JSON protocol carries it as is.
    return _page(query, limit)
