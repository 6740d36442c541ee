# imports: random
import random

random.seed(0)
print(random.random())
print(random.randint(1, 100), random.randrange(0, 50, 5), random.uniform(1, 2))
items = list(range(10))
random.shuffle(items)
print(items)
print(random.choice("abcdef"), random.sample(range(100), 5), random.choices("xyz", k=4))
random.seed(42)
first = [random.random() for _ in range(3)]
random.seed(42)
again = [random.random() for _ in range(3)]
print(first == again, first)
rng = random.Random(7)
print(rng.randint(0, 10), rng.choice([1, 2, 3]), round(rng.gauss(0, 1), 12))
