class Deck:
    def __init__(self, cards):
        self.cards = cards

    def __len__(self):
        return len(self.cards)

    def __getitem__(self, i):
        return self.cards[i]


class Countdown:
    def __reversed__(self):
        return iter([1, 2, 3])


deck = Deck(["A", "K", "Q"])
print(list(reversed(deck)), list(enumerate(deck, start=-1)), list(deck))
print(list(reversed(Countdown())), sorted(deck, key=None), max(3, 9, 4, key=lambda v: -v))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
print(list(reversed({"x": 1, "y": 2})), list(reversed(range(1, 7, 2))))
