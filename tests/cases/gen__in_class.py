class Tree:
    def __init__(self, value, left=None, right=None):
        self.value, self.left, self.right = value, left, right

    def __iter__(self):
        if self.left:
            yield from self.left
        yield self.value
        if self.right:
            yield from self.right

    def levels(self):
        level = [self]
        while level:
            yield [n.value for n in level]
            level = [c for n in level for c in (n.left, n.right) if c]


t = Tree(4, Tree(2, Tree(1), Tree(3)), Tree(6, Tree(5), Tree(7)))
print(list(t), sum(t), 5 in t)
print(list(t.levels()))
