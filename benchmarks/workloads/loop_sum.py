# A plain `for` loop summing N ints (default 200k): the interpreter's loop back-edge and one
# augmented assignment per iteration, at module level as agent code is written.
total = 0
for i in range(N):
    total += i
checksum = total
checksum
