s = "héllo wörld 👋"
print(len(s), s.upper(), s.title(), s[-1] == "👋", s.encode("utf-8")[-4:])
print("ﬁ".upper(), "İ".lower().encode(), "ß".casefold(), "Σ".lower(), "ΌΣΟΣ".lower())
print("abc".isidentifier(), "2abc".isidentifier(), "_x".isidentifier(), "ñ".isalpha())
print("١٢٣".isdigit(), int("١٢٣"), "²".isdigit(), "²".isdecimal(), "½".isnumeric())
print(sorted(["é", "e", "f", "E"]), "straße" == "STRASSE".lower(), "straße".upper())
print("a\u0308", len("a\u0308"), repr("\u200b"), "tab\there".expandtabs(2))
print(" x ".strip() * -1 == "", "abc" * 0, "-" * 3)
