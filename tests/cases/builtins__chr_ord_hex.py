print(chr(65), chr(97), chr(8364), chr(0x1F600) == "\U0001F600", ord("A"), ord("€"))
print(hex(255), hex(-1), oct(8), oct(-8), bin(5), bin(-5), bin(0))
print(int("ff", 16), int("0o17", 0), int("0b1010", 0), int("z", 36))
print(format(255, "x"), format(255, "#010b"), format(-42, "x"), format(10, "o"))
print("".join(chr(ord(c) + 1) for c in "HAL"))
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError:", e)
