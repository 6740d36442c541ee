class Stats:
    def __init__(self, values):
        self.values = values

    def summary(self):
        return {"min": min(self.values), "max": max(self.values), "n": len(self.values)}


Stats([4, 8, 1]).summary()
