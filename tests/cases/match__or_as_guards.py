def classify(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"moving {direction}"
        case ["take", item] | ["get", item]:
            return f"taking {item}"
        case ["drop", *items] if items:
            return f"dropping {', '.join(items)}"
        case ["drop"]:
            return "drop what?"
        case [("quit" | "exit")]:
            return "bye"
        case [verb, *_] as words if len(words) > 3:
            return f"too many words for {verb}"
        case _:
            return "unknown"


for c in ["go north", "go up", "take lamp", "get key", "drop a b", "drop", "exit",
          "say a b c", "", "look"]:
    print(repr(c), "->", classify(c))
