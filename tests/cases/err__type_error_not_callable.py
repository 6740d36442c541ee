handlers = {"a": print, "b": None}
handlers["a"]("calling a")
print("calling b next")
handlers["b"]("calling b")
print("not reached")
