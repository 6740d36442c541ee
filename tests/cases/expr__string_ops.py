s = "Hello"
print(s + ", " + "World", s * 3, 3 * "ab", s * 0 == "")
print(s[0], s[-1], len(s), s[1:3])
print("abc" < "abd", "B" < "a", ord("a") - ord("A"))
words = ["alpha", "beta", "gamma"]
print(" ".join(words), "-".join(w.upper() for w in words))
print("a,b,,c".split(","), "a b  c".split(), "x".split(","))
print("%s is %d years and %.1f m" % ("Ann", 30, 1.68))
print("%5s|%-5s|%05d|%x|%o|%%|%r" % ("a", "b", 42, 255, 8, "q"))
print("%(name)s=%(v)d" % {"name": "k", "v": 3})
print("\u00e9", "\N{GREEK SMALL LETTER ALPHA}", "\x41\t|", r"raw\n", len("\n"))
print("line1\nline2", "tab\tend")
print(str(123) + str(4.5) + str(None) + str([1]))
