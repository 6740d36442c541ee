text = "  alpha, beta ,gamma ,, delta  "
parts = [p.strip() for p in text.split(",")]
print(parts, [p for p in parts if p])
print(text.strip(), "|" + text.lstrip() + "|", "|" + text.rstrip() + "|")
print("xxhixx".strip("x"), "--a-b--".strip("-"), "abcba".strip("ab"))
print("a b  c\td\ne".split(), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("line1\nline2\r\nline3\n".splitlines(), "x\ny\n".splitlines(keepends=True))
print(", ".join(["x", "y", "z"]), "".join(map(str, [1, 2, 3])), "-".join("abc"))
print("a::b::c".split("::"), "".split(","), "".split(), " ".split(" "))
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
