lines = ["# comment", "alpha 3", "", "beta 5", "gamma x", "delta 7"]


def non_empty(rows):
    for row in rows:
        if row and not row.startswith("#"):
            yield row


def parse(rows):
    for row in rows:
        name, _, num = row.partition(" ")
        try:
            yield name, int(num)
        except ValueError:
            print("skipping", repr(row))


def running_total(pairs):
    total = 0
    for name, n in pairs:
        total += n
        yield name, total


for name, total in running_total(parse(non_empty(lines))):
    print(name, total)
