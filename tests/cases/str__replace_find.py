s = "the cat sat on the mat"
print(s.replace("at", "og"), s.replace("the", "a", 1), s.replace("", "|")[:12])
print(s.find("at"), s.find("at", 6), s.rfind("at"), s.find("dog"), s.index("sat"))
print(s.count("at"), s.count("t"), s.count(""), "aaaa".count("aa"))
print(s.startswith("the"), s.startswith(("a", "t")), s.endswith("mat"), s.startswith("cat", 4))
try:
    s.index("dog")
except ValueError as e:
    print("ValueError:", e)
print("hello world".title(), "hello WORLD".capitalize(), "Hello".swapcase())
print("abc".upper(), "ABC".lower(), "ß".upper(), "ǅ".lower(), "straße".casefold())
print("mississippi".removeprefix("miss"), "file.txt".removesuffix(".txt"))
