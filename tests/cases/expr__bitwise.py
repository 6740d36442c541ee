a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 3, a >> 2)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(-16 >> 2, -1 >> 10, -5 & 0xFF, ~0, ~-1)
print(1 << 64, (1 << 64) - 1 == 2 ** 64 - 1)
flags = 0
for bit in (0, 3, 5):
    flags |= 1 << bit
print(flags, [i for i in range(8) if flags & (1 << i)])
print(True & False, True | False, True ^ True, type(True ^ True).__name__)
print({1, 2, 3} & {2, 3, 4} == {2, 3}, sorted({1, 2} | {3}), sorted({1, 2} ^ {2, 3}))
(255).bit_count(), (-8).bit_length()
