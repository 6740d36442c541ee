def todo():
    raise NotImplementedError


print("about to raise")
todo()
