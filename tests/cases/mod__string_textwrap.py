# imports: string, textwrap
import string
import textwrap

print(string.ascii_lowercase, string.ascii_uppercase[:5], string.digits, string.hexdigits)
print(len(string.punctuation), string.capwords("hello big   world"))
t = string.Template("$who likes ${what}!")
print(t.substitute(who="Tim", what="tea"), t.safe_substitute(who="Al"))
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError:", e)
text = "The quick brown fox jumps over the lazy dog. " * 3
print(textwrap.wrap(text, width=30))
print(textwrap.fill(text, width=40))
print(textwrap.shorten(text, width=35, placeholder=" [...]"))
block = """
    indented
      more
    back
"""
print(textwrap.dedent(block))
print(textwrap.indent("a\nb\n\nc", "> "))
