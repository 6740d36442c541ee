b = b"hello"
print(b, b[0], b[1:3], list(b[:2]), len(b))
print(b.upper(), b.replace(b"l", b"L"), b.split(b"l"), b + b"!" * 2)
print("héllo".encode(), "héllo".encode("utf-8").decode("utf-8"))
print(bytes([65, 66, 67]), bytes(3), bytes("ab", "ascii"), bytearray(b"xy"))
ba = bytearray(b"abc")
ba[0] = 65
ba.append(100)
ba.extend(b"ef")
print(ba, bytes(ba), ba.decode())
print(b.hex(), bytes.fromhex("48 69"), b"%d-%s" % (5, b"x"))
print(b"a" in b"cat", 97 in b"cat", b.startswith(b"he"), b.find(b"lo"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e.reason)
