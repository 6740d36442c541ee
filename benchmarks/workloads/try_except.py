# try/except in a loop of N rounds (default 30k); a third of them raise and are caught.
caught = 0
total = 0
for i in range(N):
    try:
        if i % 3 == 0:
            raise ValueError(i)
        total += 10 // (i % 5)
    except ZeroDivisionError:
        caught += 1
    except ValueError as e:
        total += e.args[0] % 7
checksum = total * 10 + caught
checksum
