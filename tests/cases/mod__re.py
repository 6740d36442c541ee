# imports: re
import re

text = "Contact: ann@example.com, bob.smith@test.org; phone 555-1234 or 555-9876."
print(re.findall(r"[\w.]+@[\w.]+\w", text))
print(re.findall(r"(\d{3})-(\d{4})", text))
m = re.search(r"(?P<user>[\w.]+)@(?P<domain>[\w.]+\w)", text)
print(m.group(), m.group(1), m.group("domain"), m.groupdict(), m.span(), m.start("user"))
print(re.match(r"\d+", "abc123"), re.match(r"\w+", "abc123").group())
print(re.fullmatch(r"[a-z]+", "abc") is not None, re.fullmatch(r"[a-z]+", "abc1"))
print(re.sub(r"\d", "#", "a1b22c333"), re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@home"))
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 apples and 12 pears"))
print(re.split(r"[,;]\s*", "a, b;c,d"), re.split(r"(-)", "1-2-3"), re.subn("a", "o", "banana"))
pat = re.compile(r"^(\w+):\s*(.*)$", re.MULTILINE)
print(pat.findall("key: value\nother:  thing\nbad line"))
print([m.group(1) for m in re.finditer(r"<(\w+)>", "<a><b></b><c>")])
print(re.findall(r"hello", "Hello HELLO hello", re.IGNORECASE), re.escape("a.b*c"))
try:
    re.compile("(unclosed")
except re.error as e:
    print("re.error:", e)
