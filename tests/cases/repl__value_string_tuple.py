name = "world"
greeting = f"hello {name}"
print(greeting)
# a tuple display is one expression
greeting.upper(), len(greeting), greeting.split()
