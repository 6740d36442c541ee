class Node:
    count = 0

    def __init__(self, value, children=None):
        self.value = value
        self.children = children or []
        Node.count += 1

    def total(self):
        return self.value + sum(child.total() for child in self.children)

    def depth(self):
        return 1 + max((c.depth() for c in self.children), default=0)

    def walk(self):
        yield self.value
        for c in self.children:
            yield from c.walk()


tree = Node(1, [Node(2, [Node(4), Node(5)]), Node(3, [Node(6, [Node(7)])])])
print(tree.total(), tree.depth(), Node.count, list(tree.walk()))
