# imports: functools
from functools import total_ordering, lru_cache


@total_ordering
class Card:
    order = "23456789TJQKA"

    def __init__(self, rank):
        self.rank = rank

    def __eq__(self, other):
        return self.rank == other.rank

    def __lt__(self, other):
        return Card.order.index(self.rank) < Card.order.index(other.rank)

    def __repr__(self):
        return f"Card({self.rank})"


hand = [Card(r) for r in "KT2A5"]
print(sorted(hand), max(hand), Card("J") >= Card("T"), Card("2") > Card("3"))
calls = []


@lru_cache(maxsize=2)
def slow(n):
    calls.append(n)
    return n * n


print([slow(n) for n in [1, 2, 1, 3, 1, 2]], calls)
slow.cache_clear()
print(slow(1), calls)
