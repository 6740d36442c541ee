s = "naïve café"
b = s.encode("utf-8")
print(b, len(s), len(b), b.decode("utf-8") == s)
print(s.encode("ascii", "replace"), s.encode("ascii", "ignore"), s.encode("latin-1"))
print("abc".encode() == b"abc", bytes(s, "utf-8")[:3])
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print(b"\xff".decode("utf-8", "replace"), "\u00e9" == "é", "e\u0301" == "é")
print(sorted(["b", "A", "a", "B"]), sorted(["b", "A", "a", "B"], key=str.casefold))
print(max("hello"), "".join(sorted("python")), "x".join(""), str(b"a", "ascii"))
print("%c%c" % (72, "i"), "%5.1f%%" % 99.55, "%s" % (("t",),))
